#include "state/state_codec.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/hex.hpp"
#include "state/command_hint.hpp"
#include "state/json_member.hpp"

namespace rosterform::state {

namespace {

using nlohmann::json;

json resource_to_json(const ResourceState& r) {
  json j = {{"kind", engine::to_string(r.kind)}, {"user_id", r.user_id}, {"applied", r.applied}};
  if (!r.membership_id.empty()) {
    j["membership_id"] = r.membership_id;
  }
  return j;
}

engine::Result<ResourceState> resource_from_json(const json& j, const std::string& where) {
  if (!j.is_object() || !j.contains("kind") || !j.contains("user_id")) {
    return engine::fail(fmt::format("{}: a resource needs 'kind' and 'user_id'", where));
  }
  ResourceState r;
  const std::string kind = j.at("kind").get<std::string>();
  if (kind == "staff") {
    r.kind = engine::Kind::staff;
  } else if (kind == "client") {
    r.kind = engine::Kind::client;
  } else {
    return engine::fail(fmt::format("{}: unknown kind '{}' (expected staff or client)", where, kind));
  }
  r.user_id = j.at("user_id").get<std::string>();
  r.membership_id = j.value("membership_id", std::string());
  if (j.contains("applied")) {
    r.applied = j.at("applied").get<std::map<std::string, std::string>>();
  }
  return r;
}

json steps_to_json(const std::vector<PlanProgress::StepMark>& marks) {
  json out = json::array();
  for (const PlanProgress::StepMark& m : marks) {
    out.push_back({{"change", m.change},
                   {"done", m.done},
                   {"user_id", m.user_id},
                   {"membership_id", m.membership_id},
                   {"updated_at", m.updated_at}});
  }
  return out;
}

engine::Result<std::vector<PlanProgress::StepMark>> steps_from_json(const json& j,
                                                                    std::size_t changes,
                                                                    const std::string& where) {
  std::vector<PlanProgress::StepMark> out;
  for (const json& m : j) {
    PlanProgress::StepMark mark;
    mark.change = integer<std::size_t>(m.at("change"));
    mark.done = integer<std::size_t>(m.at("done"));
    mark.user_id = m.value("user_id", std::string());
    mark.membership_id = m.value("membership_id", std::string());
    mark.updated_at = m.value("updated_at", std::string());
    if (mark.change >= changes) {
      return engine::fail(fmt::format("{}: 'last_apply' has steps of change {} of a plan of {}",
                                      where, mark.change, changes));
    }
    out.push_back(std::move(mark));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.change < b.change; });
  return out;
}

json progress_to_json(const PlanProgress& p) {
  return {{"plan_hash", p.plan_hash},
          {"base_serial", p.base_serial},
          {"changes", p.changes},
          {"done", p.done},
          {"started", p.started},
          {"steps", steps_to_json(p.steps)}};
}

engine::Result<PlanProgress> progress_from_json(const json& j, const std::string& where) {
  if (!j.is_object() || !j.contains("plan_hash") || !j.at("plan_hash").is_string()) {
    return engine::fail(fmt::format("{}: 'last_apply' needs a 'plan_hash'", where));
  }
  PlanProgress p;
  p.plan_hash = j.at("plan_hash").get<std::string>();
  p.base_serial = integer_or(j, "base_serial", std::uint64_t{0});
  p.changes = integer_or(j, "changes", std::size_t{0});
  for (auto set : {&PlanProgress::done, &PlanProgress::started}) {
    std::vector<std::size_t>& v = p.*set;
    const char* name = set == &PlanProgress::done ? "done" : "started";
    v.clear();
    for (const json& index : j.value(name, json::array())) {
      v.push_back(integer<std::size_t>(index));
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    if (!v.empty() && v.back() >= p.changes) {
      return engine::fail(fmt::format("{}: 'last_apply' lists change {} of a plan of {}", where,
                                      v.back(), p.changes));
    }
  }
  auto steps = steps_from_json(j.value("steps", json::array()), p.changes, where);
  if (!steps) {
    return tl::unexpected(steps.error());
  }
  p.steps = std::move(*steps);
  return p;
}

// A format 1 state keeps its own HMAC key; with a state key configured it
// must be migrated first, or two keys would be in play for one state.
engine::Status take_embedded_key(StateFile& s, const json& j, const std::string& origin,
                                 const StateKey* key) {
  s.hmac_key = j.value("hmac_key", std::string());
  bool hex = std::all_of(s.hmac_key.begin(), s.hmac_key.end(),
                         [](char c) { return engine::hex_digit_value(c) >= 0; });
  if (s.lineage.empty() || s.hmac_key.size() != 64 || !hex) {
    return engine::fail(fmt::format("state file {}: missing or malformed 'lineage' or 'hmac_key'",
                                    origin));
  }
  if (key != nullptr) {
    return engine::fail(fmt::format(
        "state file {} keeps its own HMAC key, but a state key is configured ({}); move the key "
        "out of the state with: {}",
        origin, key->env, state_migrate_command(origin)));
  }
  return {};
}

// A format 2 state keeps only the fingerprint of its key; the HMAC key is
// derived from the configured one, which must be the same.
engine::Status take_external_key(StateFile& s, const json& j, const std::string& origin,
                                 const StateKey* key) {
  s.key_fingerprint = j.value("key_fingerprint", std::string());
  if (s.lineage.empty() || !s.key_fingerprint.starts_with("sha256:") || j.contains("hmac_key")) {
    return engine::fail(fmt::format(
        "state file {}: missing or malformed 'lineage' or 'key_fingerprint'", origin));
  }
  if (key == nullptr) {
    return engine::fail(fmt::format(
        "state file {} was written with a state key (fingerprint {}), and none is configured; "
        "set {} (or the variable state.key_env names in rosterform.yaml) to the key it was "
        "written with",
        origin, s.key_fingerprint, k_default_state_key_env));
  }
  std::string configured = key_fingerprint(*key);
  if (configured != s.key_fingerprint) {
    return engine::fail(fmt::format(
        "state file {}: this state was written with another key (fingerprint {}; {} holds the key "
        "with fingerprint {}); set {} to the key it was written with",
        origin, s.key_fingerprint, key->env, configured, key->env));
  }
  s.hmac_key = derived_hmac_key_hex(*key);
  return {};
}

engine::Result<StateFile> state_from_json(const json& j, const std::string& origin,
                                          const StateKey* key) {
  if (!j.is_object()) {
    return engine::fail(fmt::format("state file {}: expected a JSON object", origin));
  }
  StateFile s;
  s.format_version = integer_or(j, "format_version", 0);
  if (s.format_version != k_state_format_embedded_key &&
      s.format_version != k_state_format_external_key) {
    return engine::fail(fmt::format(
        "state file {}: format_version {} is not supported (this rosterform reads {} and {}); "
        "use the rosterform version that wrote it",
        origin, s.format_version, k_state_format_embedded_key, k_state_format_external_key));
  }
  s.lineage = j.value("lineage", std::string());
  s.serial = integer_or(j, "serial", std::uint64_t{0});
  ROSTERFORM_TRY(s.format_version == k_state_format_embedded_key
                     ? take_embedded_key(s, j, origin, key)
                     : take_external_key(s, j, origin, key));
  const json resources = j.value("resources", json::object());
  for (const auto& [address, value] : resources.items()) {
    auto r = resource_from_json(value, fmt::format("state file {}: resource '{}'", origin, address));
    if (!r) {
      return tl::unexpected(r.error());
    }
    s.resources.emplace(address, std::move(*r));
  }
  if (j.contains("last_apply")) {
    auto p = progress_from_json(j.at("last_apply"), fmt::format("state file {}", origin));
    if (!p) {
      return tl::unexpected(p.error());
    }
    s.last_apply = std::move(*p);
  }
  return s;
}

std::string_view op_name(JournalEntry::Op op) {
  switch (op) {
    case JournalEntry::Op::upsert:
      return "upsert";
    case JournalEntry::Op::remove:
      return "remove";
    case JournalEntry::Op::begin:
      return "begin";
    case JournalEntry::Op::start:
      return "start";
    case JournalEntry::Op::step:
      return "step";
  }
  return "upsert";
}

// A begin line opens a plan's run: no address, the plan's identity instead.
engine::Result<JournalEntry> begin_from_json(const json& j, const std::string& where) {
  if (!j.contains("plan_hash") || !j.at("plan_hash").is_string()) {
    return engine::fail(fmt::format("{}: a begin entry needs a 'plan_hash'", where));
  }
  JournalEntry e;
  e.op = JournalEntry::Op::begin;
  e.plan_hash = j.at("plan_hash").get<std::string>();
  e.base_serial = integer_or(j, "base_serial", std::uint64_t{0});
  e.changes = integer_or(j, "changes", std::size_t{0});
  return e;
}

engine::Result<JournalEntry> entry_from_json(const json& j, const std::string& where) {
  if (j.value("op", std::string()) == "begin") {
    return begin_from_json(j, where);
  }
  JournalEntry e;
  std::string op = j.value("op", std::string());
  if (op == "start") {
    e.op = JournalEntry::Op::start;
    e.change = integer<std::size_t>(j.at("change"));
    return e;
  }
  e.address = j.at("address").get<std::string>();
  e.op = op == "remove" ? JournalEntry::Op::remove
         : op == "step" ? JournalEntry::Op::step
                        : JournalEntry::Op::upsert;
  if (j.contains("change")) {
    e.change = integer<std::size_t>(j.at("change"));
  }
  if (e.op == JournalEntry::Op::step) {
    if (!e.change) {
      return engine::fail(fmt::format("{}: a step entry needs a 'change'", where));
    }
    e.steps_done = integer<std::size_t>(j.at("steps_done"));
    e.updated_at = j.value("updated_at", std::string());
  }
  if (e.op == JournalEntry::Op::upsert || e.op == JournalEntry::Op::step) {
    auto r = resource_from_json(j.value("resource", json()), where);
    if (!r) {
      return tl::unexpected(r.error());
    }
    e.resource = std::move(*r);
  }
  return e;
}

}  // namespace

std::string encode_state(const StateFile& state) {
  json resources = json::object();
  for (const auto& [address, r] : state.resources) {
    resources[address] = resource_to_json(r);
  }
  json j = {{"lineage", state.lineage}, {"serial", state.serial}, {"resources", resources}};
  // An external key is never written: only its fingerprint.
  if (state.external_key()) {
    j["format_version"] = k_state_format_external_key;
    j["key_fingerprint"] = state.key_fingerprint;
  } else {
    j["format_version"] = k_state_format_embedded_key;
    j["hmac_key"] = state.hmac_key;
  }
  if (state.last_apply) {
    j["last_apply"] = progress_to_json(*state.last_apply);
  }
  return j.dump(2) + "\n";
}

engine::Result<StateFile> decode_state(std::string_view text, const std::string& origin,
                                       const StateKey* key) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return engine::fail(fmt::format(
        "state file {}: not valid JSON; restore it from a backup or the journal", origin));
  }
  try {
    return state_from_json(j, origin, key);
  } catch (const json::exception& e) {
    return engine::fail(fmt::format("state file {}: unexpected value type ({})", origin, e.what()));
  }
}

std::string encode_journal_entry(const JournalEntry& entry) {
  json j = {{"op", op_name(entry.op)}};
  if (entry.op == JournalEntry::Op::begin) {
    j["plan_hash"] = entry.plan_hash;
    j["base_serial"] = entry.base_serial;
    j["changes"] = entry.changes;
    return j.dump();
  }
  if (entry.op == JournalEntry::Op::start) {
    j["change"] = entry.change.value_or(0);
    return j.dump();
  }
  j["address"] = entry.address;
  if (entry.change) {
    j["change"] = *entry.change;
  }
  if (entry.op == JournalEntry::Op::step) {
    j["steps_done"] = entry.steps_done;
    j["updated_at"] = entry.updated_at;
  }
  if (entry.op == JournalEntry::Op::upsert || entry.op == JournalEntry::Op::step) {
    j["resource"] = resource_to_json(entry.resource);
  }
  return j.dump();
}

engine::Result<std::vector<JournalEntry>> decode_journal(std::string_view text,
                                                         const std::string& origin) {
  std::vector<JournalEntry> entries;
  std::size_t line_no = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    bool last = end == std::string_view::npos;
    std::string_view line = text.substr(0, end);
    text = last ? std::string_view() : text.substr(end + 1);
    ++line_no;
    if (line.empty()) {
      continue;
    }
    json j = json::parse(line, nullptr, false);
    // begin and start lines name a plan or a change, not an address.
    bool addressless =
        j.is_object() && (j.value("op", json()) == "begin" || j.value("op", json()) == "start");
    if (j.is_discarded() || !j.is_object() || (!addressless && !j.contains("address"))) {
      if (last) {
        break;  // torn final append: see the header
      }
      return engine::fail(fmt::format("journal {}:{}: not a journal entry", origin, line_no));
    }
    std::string where = fmt::format("journal {}:{}", origin, line_no);
    engine::Result<JournalEntry> e = engine::fail("");
    try {
      e = entry_from_json(j, where);
    } catch (const json::exception& ex) {
      return engine::fail(fmt::format("{}: unexpected value type ({})", where, ex.what()));
    }
    if (!e) {
      return tl::unexpected(e.error());
    }
    entries.push_back(std::move(*e));
  }
  return entries;
}

}  // namespace rosterform::state
