#include "state/saved_plan.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "state/crypto.hpp"
#include "state/json_member.hpp"

namespace rosterform::state {

namespace {

using nlohmann::json;
using engine::Action;
using engine::SideEffectKind;

constexpr std::array<Action, 7> k_actions = {Action::no_op,      Action::create, Action::update,
                                             Action::deactivate, Action::reactivate,
                                             Action::adopt,      Action::forget};
constexpr std::array<std::string_view, 6> k_effects = {
    "invite_email", "welcome_email", "appointments_cancelled", "clients_reassigned",
    "clients_left_assigned", "provider_changed"};

json optional_value(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

std::optional<std::string> optional_from(const json& j) {
  return j.is_string() ? std::optional<std::string>(j.get<std::string>()) : std::nullopt;
}

json encode_address(const engine::Address& a) {
  return {{"kind", engine::to_string(a.kind)},
          {"key", a.key},
          {"key_is_phi", a.key_is_phi},
          {"user_id", a.user_id},
          {"location", {{"file", a.location.file}, {"line", a.location.line},
                        {"column", a.location.column}}}};
}

engine::Address decode_address(const json& j) {
  engine::Address a;
  a.kind = j.at("kind").get<std::string>() == "staff" ? engine::Kind::staff : engine::Kind::client;
  a.key = j.at("key").get<std::string>();
  a.key_is_phi = j.value("key_is_phi", false);
  a.user_id = j.value("user_id", "");
  const json& loc = j.at("location");
  a.location = {loc.value("file", ""), integer_or(loc, "line", 0U), integer_or(loc, "column", 0U)};
  return a;
}

json encode_fingerprint(const engine::Fingerprint& fp, const engine::ResourceSchema& schema) {
  json fields = json::object();
  for (const auto& [id, digest] : fp.field_digests) {
    fields[std::string(schema.at(id).name)] = digest;
  }
  json identity = json::object();
  for (const auto& [id, value] : fp.identity) {
    identity[std::string(schema.at(id).name)] = value;
  }
  return {{"updated_at", fp.updated_at},
          {"active", fp.active},
          {"fields_digest", fp.fields_digest},
          {"field_digests", fields},
          {"identity", identity}};
}

engine::Result<engine::Fingerprint> decode_fingerprint(const json& j,
                                                       const engine::ResourceSchema& schema) {
  engine::Fingerprint fp;
  fp.updated_at = j.value("updated_at", "");
  fp.active = j.value("active", true);
  fp.fields_digest = j.value("fields_digest", "");
  const json digests = j.value("field_digests", json::object());
  for (const auto& [name, digest] : digests.items()) {
    auto id = schema.id_of(name);
    if (!id) {
      return engine::fail(fmt::format("unknown field '{}' in a fingerprint", name));
    }
    fp.field_digests.emplace_back(*id, digest.get<std::string>());
  }
  std::sort(fp.field_digests.begin(), fp.field_digests.end());
  const json identity = j.value("identity", json::object());
  for (const auto& [name, value] : identity.items()) {
    auto id = schema.id_of(name);
    if (!id) {
      return engine::fail(fmt::format("unknown field '{}' in a fingerprint", name));
    }
    fp.identity.emplace_back(*id, value.get<std::string>());
  }
  return fp;
}

json encode_change(const engine::Change& c, const engine::ResourceSchema& schema) {
  json fields = json::array();
  for (const engine::FieldChange& f : c.fields) {
    fields.push_back({{"name", schema.at(f.field).name},
                      {"before", optional_value(f.before)},
                      {"after", optional_value(f.after)},
                      {"changed", f.changed},
                      {"known_after_apply", f.known_after_apply},
                      {"drifted", f.drifted}});
  }
  json effects = json::array();
  for (const engine::SideEffect& e : c.side_effects) {
    effects.push_back({{"kind", k_effects[static_cast<std::size_t>(e.kind)]},
                       {"count", e.count},
                       {"target", e.target}});
  }
  return {{"action", engine::to_string(c.action)},
          {"address", encode_address(c.address)},
          {"membership_id", c.membership_id},
          {"moved_from", c.moved_from},
          {"fields", fields},
          {"reason", c.reason},
          {"side_effects", effects},
          {"depends_on", c.depends_on},
          {"fingerprint", encode_fingerprint(c.fingerprint, schema)},
          {"reassign_clients_to", c.reassign_clients_to},
          {"leaves_roster", c.leaves_roster}};
}

engine::Result<Action> decode_action(const std::string& name) {
  for (Action a : k_actions) {
    if (engine::to_string(a) == name) {
      return a;
    }
  }
  return engine::fail(fmt::format("unknown action '{}'", name));
}

engine::Result<engine::Change> decode_change(const json& j, const Schemas& schemas) {
  engine::Change c;
  auto action = decode_action(j.at("action").get<std::string>());
  if (!action) {
    return tl::unexpected(action.error());
  }
  c.action = *action;
  c.address = decode_address(j.at("address"));
  c.membership_id = j.value("membership_id", "");
  c.moved_from = j.value("moved_from", "");
  c.reason = j.value("reason", "");
  c.reassign_clients_to = j.value("reassign_clients_to", "");
  for (const json& d : j.value("depends_on", json::array())) {
    c.depends_on.push_back(integer<std::size_t>(d));
  }
  const engine::ResourceSchema& schema = schemas.of(c.address.kind);
  for (const json& f : j.at("fields")) {
    auto id = schema.id_of(f.at("name").get<std::string>());
    if (!id) {
      return engine::fail(fmt::format("unknown field '{}' for {}", f.at("name").get<std::string>(),
                                      engine::to_string(c.address.kind)));
    }
    c.fields.push_back({*id, optional_from(f.at("before")), optional_from(f.at("after")),
                        f.value("changed", false), f.value("known_after_apply", false),
                        f.value("drifted", false)});
  }
  for (const json& e : j.value("side_effects", json::array())) {
    std::string kind = e.at("kind").get<std::string>();
    for (std::size_t k = 0; k < k_effects.size(); ++k) {
      if (k_effects[k] == kind) {
        c.side_effects.push_back({static_cast<SideEffectKind>(k),
                                  integer_or(e, "count", std::size_t{0}), e.value("target", "")});
      }
    }
  }
  auto fp = decode_fingerprint(j.at("fingerprint"), schema);
  if (!fp) {
    return tl::unexpected(fp.error());
  }
  c.fingerprint = std::move(*fp);
  c.leaves_roster = j.value("leaves_roster", false);
  return c;
}

// Apply indexes its changes by depends_on and starts a change only after
// its dependencies, so each must be an earlier change (as the planner makes
// them): anything else is an edited file that would crash or stall apply.
engine::Result<engine::Change> check_dependencies(engine::Change change, std::size_t index) {
  for (std::size_t d : change.depends_on) {
    if (d >= index) {
      return engine::fail(fmt::format(
          "damaged saved plan (change {} depends on change {}, which is not an earlier change); "
          "plan again",
          index, d));
    }
  }
  return change;
}

json encode_changes(const engine::Plan& plan, const Schemas& schemas) {
  json changes = json::array();
  for (const engine::Change& c : plan.changes) {
    changes.push_back(encode_change(c, schemas.of(c.address.kind)));
  }
  return changes;
}

json encode_guards(const engine::Plan& plan) {
  json guards = json::array();
  for (const engine::GuardResult& g : plan.guards) {
    guards.push_back({{"rule", engine::to_string(g.rule)},
                      {"status", engine::to_string(g.status)},
                      {"findings", g.findings}});
  }
  return guards;
}

// The digest seals the whole file: SHA-256 over the JSON text of every other
// member, as dumped with two-space indentation. nlohmann::json keeps object
// members sorted, so decoding and dumping again gives the same text.
std::string content_digest(const json& without_digest) {
  return "sha256:" + sha256_hex(without_digest.dump(2));
}

}  // namespace

std::string encode_saved_plan(const SavedPlan& saved, const Schemas& schemas) {
  json j = {{"format_version", k_saved_plan_format_version},
            {"kind", "rosterform-saved-plan"},
            {"lineage", saved.lineage},
            {"serial", saved.serial},
            {"state_present", saved.state_present},
            {"roster_digest", saved.roster_digest},
            {"created", saved.created},
            {"created_unix", saved.created_unix},
            {"targets", saved.plan.targets},
            {"guards", encode_guards(saved.plan)},
            {"plan_hash", plan_hash(saved.plan, schemas)},
            {"changes", encode_changes(saved.plan, schemas)}};
  j["digest"] = content_digest(j);
  return j.dump(2) + "\n";
}

engine::Result<SavedPlan> decode_saved_plan(std::string_view text, const std::string& origin,
                                            const Schemas& schemas) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() ||
      member_or(j, "kind", std::string()) != "rosterform-saved-plan") {
    return engine::fail(fmt::format(
        "{} is not a saved plan; make one with: rosterform plan -out={}", origin, origin));
  }
  const auto version = member_or(j, "format_version", std::int64_t{0});
  if (version != k_saved_plan_format_version) {
    return engine::fail(fmt::format(
        "{}: saved-plan format_version {} is not supported (this rosterform reads {}); plan again",
        origin, version, k_saved_plan_format_version));
  }
  json sealed = j;
  std::string digest = j.value("digest", "");
  sealed.erase("digest");
  if (digest != content_digest(sealed)) {
    return engine::fail(fmt::format(
        "{} was changed after it was made (its digest does not match its content); a saved "
        "plan is applied only exactly as reviewed: run rosterform plan -out={} again",
        origin, origin));
  }
  try {
    SavedPlan saved;
    saved.lineage = j.at("lineage").get<std::string>();
    saved.serial = integer<std::uint64_t>(j.at("serial"));
    saved.state_present = j.value("state_present", false);
    saved.roster_digest = j.value("roster_digest", "");
    saved.created = j.value("created", "");
    saved.created_unix = integer_or(j, "created_unix", std::int64_t{0});
    saved.plan.targets = j.value("targets", std::vector<std::string>{});
    const json& guards = j.at("guards");
    for (std::size_t g = 0; g < guards.size() && g < saved.plan.guards.size(); ++g) {
      saved.plan.guards[g].rule = static_cast<engine::GuardRule>(g);
      std::string status = guards[g].value("status", "passed");
      saved.plan.guards[g].status = status == "refused"      ? engine::GuardStatus::refused
                                    : status == "overridden" ? engine::GuardStatus::overridden
                                                             : engine::GuardStatus::passed;
      saved.plan.guards[g].findings = guards[g].value("findings", std::vector<std::string>{});
    }
    for (const json& c : j.at("changes")) {
      auto change = decode_change(c, schemas);
      if (change) {
        change = check_dependencies(std::move(*change), saved.plan.changes.size());
      }
      if (!change) {
        return engine::fail(fmt::format("{}: {}", origin, change.error().message));
      }
      saved.plan.changes.push_back(std::move(*change));
    }
    engine::recount(saved.plan);
    return saved;
  } catch (const json::exception& e) {
    return engine::fail(fmt::format("{}: damaged saved plan ({}); plan again", origin, e.what()));
  }
}

std::string plan_hash(const engine::Plan& plan, const Schemas& schemas) {
  return sha256_hex(encode_changes(plan, schemas).dump());
}

}  // namespace rosterform::state
