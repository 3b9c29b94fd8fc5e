// Scenario fixtures: tests/fixtures/plan/<name>/ holds a roster, Healthie's
// current state and a state file; the plan rendered three ways must equal
// the golden files beside them. ROSTERFORM_UPDATE_GOLDEN=1 rewrites the
// goldens instead (review the diff before committing).
//
// Every scenario is also a PHI test: each value of a sensitive client field
// (and of a staff phone number) that appears in its inputs is searched for
// in every output — human, JSON, Markdown and the diagnostics — and must not
// be found. With -show-sensitive the human plan must reveal them.
//
// Fixture files:
//   rosterform.yaml, roster/*.yaml
//                 the workspace, as a user writes it, read by the real loader
//                 (engine/roster/loader.hpp); it must load without a single
//                 diagnostic, since `plan` prints the loader's apart from the
//                 plan and the goldens would not show them.
//   current.json  {"caller": {...}, "staff": [user], "clients": [user]}
//   state.json    {"lineage", "serial", "resources": {"client.k": {"user_id",
//                 "applied_values": {...}}}}: plaintext here, digested with
//                 the fake hasher when loaded; the real state keeps HMACs.
//   options.json  optional: {"targets": [...], "refresh_only", "overrides"}
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "engine/plan/diff.hpp"
#include "engine/plan/schema_fields.hpp"
#include "engine/render/human.hpp"
#include "engine/render/json.hpp"
#include "engine/render/markdown.hpp"
#include "engine/roster/loader.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path fixtures_dir() { return fs::path(ROSTERFORM_SOURCE_DIR) / "tests/fixtures/plan"; }

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json read_json(const fs::path& p, json fallback = json::object()) {
  return fs::exists(p) ? json::parse(read_text(p)) : fallback;
}

std::string text_of(const json& value) {
  return value.is_boolean() ? (value.get<bool>() ? "true" : "false") : value.get<std::string>();
}

// A user's fields; its `active` and `is_admin`, which current.json gives
// beside them, are fields too (unless `fields` names them itself).
engine::Record fields_of(engine::Kind kind, const json& user) {
  testing::FieldValues values;
  for (const char* status : {"active", "is_admin"}) {
    if (user.contains(status) && !user.at("fields").contains(status)) {
      values.emplace_back(status, text_of(user.at(status)));
    }
  }
  for (const auto& [name, value] : user.at("fields").items()) {
    values.emplace_back(name, text_of(value));
  }
  return testing::record_of(kind, values);
}

std::vector<engine::RemoteUser> users_of(engine::Kind kind, const json& list) {
  std::vector<engine::RemoteUser> out;
  for (const json& u : list) {
    engine::RemoteUser r;
    r.kind = kind;
    r.user_id = u.at("user_id").get<std::string>();
    r.membership_id = u.value("membership_id", "");
    r.updated_at = u.value("updated_at", "2026-11-01T10:00:00Z");
    r.fields = fields_of(kind, u);
    out.push_back(std::move(r));
  }
  return out;
}

std::string diagnostics_text(const engine::Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) {
    out += engine::format_diagnostic(item) + "\n";
  }
  return out;
}

// Paths relative to the workspace ("roster/clients.yaml:2:3"), as `plan`
// prints them when run inside it; a fixed "today" keeps dates of birth valid.
engine::DesiredState load_roster(const fs::path& dir) {
  engine::roster::LoadOptions options;
  options.display_dir = fs::path();
  options.today = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  engine::roster::LoadResult loaded = engine::roster::load_workspace(
      dir, healthie::staff_schema(), healthie::client_schema(), options);
  INFO("roster diagnostics:\n" << diagnostics_text(loaded.diagnostics));
  REQUIRE(loaded.diagnostics.empty());
  return std::move(loaded.state);
}

struct Scenario {
  testing::PlanWorld world;
  engine::PlanOptions options;
};

Scenario load(const fs::path& dir) {
  Scenario s;
  s.world.desired = load_roster(dir);
  json current = read_json(dir / "current.json");
  json caller = current.value("caller", json::object());
  s.world.current.caller = {caller.value("user_id", "caller-1"), "org-1",
                            caller.value("is_admin", true), "Standard"};
  s.world.current.staff = users_of(engine::Kind::staff, current.value("staff", json::array()));
  s.world.current.clients = users_of(engine::Kind::client, current.value("clients", json::array()));
  json state = read_json(dir / "state.json", json());
  if (!state.is_null()) {
    for (const auto& [address, r] : state.at("resources").items()) {
      auto dot = address.find('.');
      engine::Kind kind = address.substr(0, dot) == "staff" ? engine::Kind::staff : engine::Kind::client;
      testing::FieldValues applied;
      json values = r.value("applied_values", json::object());
      for (const auto& [name, v] : values.items()) {
        applied.emplace_back(name, v.is_boolean() ? (v.get<bool>() ? "true" : "false") : v.get<std::string>());
      }
      s.world.manage(kind, address.substr(dot + 1), r.at("user_id").get<std::string>(), applied);
    }
    s.world.prior.lineage = state.value("lineage", "");
    s.world.prior.serial = state.value("serial", 0U);
  }
  json o = read_json(dir / "options.json");
  s.options.targets = o.value("targets", std::vector<std::string>{});
  s.options.refresh_only = o.value("refresh_only", false);
  json ov = o.value("overrides", json::object());
  s.options.overrides = {ov.value("mass_deactivation", false), ov.value("protected_accounts", false),
                         ov.value("provider_with_clients", false)};
  return s;
}

// Values that must never be printed: sensitive client fields and staff
// phone numbers, at least 4 characters long, that do not also appear as a
// non-sensitive value somewhere in the scenario.
std::set<std::string> planted_phi(const Scenario& s) {
  std::set<std::string> secret;
  std::set<std::string> shown;
  auto scan = [&](engine::Kind kind, const engine::Record& r) {
    const auto& schema = healthie::schema_for(kind);
    for (const auto& [id, v] : r.fields()) {
      (engine::is_sensitive(kind, schema.at(id)) ? secret : shown).insert(std::string(v));
    }
  };
  for (const auto& d : s.world.desired.staff) scan(d.kind, d.fields);
  for (const auto& d : s.world.desired.clients) scan(d.kind, d.fields);
  for (const auto& u : s.world.current.staff) scan(u.kind, u.fields);
  for (const auto& u : s.world.current.clients) scan(u.kind, u.fields);
  std::set<std::string> out;
  for (const std::string& v : secret) {
    if (v.size() >= 4 && shown.count(v) == 0 && v != "true" && v != "false") {
      out.insert(v);
    }
  }
  return out;
}

// What the CLI would bind the plan to (cli/plan_binding.hpp): fixed, so the
// goldens do not move with the plan hash's encoding.
engine::render::PlanBinding binding(const Scenario& s) {
  engine::render::PlanBinding b;
  b.commit = "0123456789abcdef0123456789abcdef01234567";
  b.plan_hash = "5f1c0e3a9b7d24c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6";
  b.state_present = s.world.prior.present;
  b.lineage = s.world.prior.lineage;
  b.serial = s.world.prior.serial;
  b.api_version = "2026-01-01";
  return b;
}

void check_golden(const fs::path& file, const std::string& actual) {
  if (std::getenv("ROSTERFORM_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(file, std::ios::binary) << actual;
    return;
  }
  REQUIRE_MESSAGE(fs::exists(file), "missing golden " << file.string()
                                                      << " (run with ROSTERFORM_UPDATE_GOLDEN=1)");
  std::string expected = read_text(file);
  CHECK_MESSAGE(expected == actual, "golden " << file.string() << " differs; actual:\n" << actual);
}

}  // namespace

TEST_CASE("plan scenarios: golden human, JSON and Markdown output, and no PHI in any") {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(fixtures_dir())) {
    if (entry.is_directory()) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 14);
  for (const fs::path& dir : dirs) {
    CAPTURE(dir.filename().string());
    Scenario s = load(dir);
    engine::PlanOutcome out = s.world.plan(s.options);
    engine::render::RenderOptions ro{&healthie::staff_schema(), &healthie::client_schema(), false, false};
    engine::render::PlanBinding b = binding(s);
    std::string human = out.diagnostics.has_errors() ? std::string() : engine::render::render_human(out.plan, ro);
    std::string js = engine::render::render_json(out.plan, out.diagnostics, ro, b);
    std::string md = out.diagnostics.has_errors() ? std::string() : engine::render::render_markdown(out.plan, ro, b);
    std::string diags = diagnostics_text(out.diagnostics);
    check_golden(dir / "expected.plan.json", js);
    if (out.diagnostics.has_errors()) {
      check_golden(dir / "expected.errors.txt", diags);
    } else {
      check_golden(dir / "expected.plan.txt", human);
      check_golden(dir / "expected.plan.md", md);
    }
    CHECK(json::parse(js).at("format_version") == "1.3");
    for (const std::string& phi : planted_phi(s)) {
      CAPTURE(phi);
      CHECK(human.find(phi) == std::string::npos);
      CHECK(js.find(phi) == std::string::npos);
      CHECK(md.find(phi) == std::string::npos);
      CHECK(diags.find(phi) == std::string::npos);
    }
  }
}

TEST_CASE("plan scenarios: -show-sensitive reveals values in the human plan only") {
  Scenario s = load(fixtures_dir() / "phi-planted");
  engine::PlanOutcome out = s.world.plan(s.options);
  REQUIRE_FALSE(out.diagnostics.has_errors());
  engine::render::RenderOptions ro{&healthie::staff_schema(), &healthie::client_schema(), false, true};
  std::string human = engine::render::render_human(out.plan, ro);
  std::string js = engine::render::render_json(out.plan, out.diagnostics, ro);
  std::string md = engine::render::render_markdown(out.plan, ro);
  CHECK(human.find("1961-07-04") != std::string::npos);
  CHECK(human.find("+1-555-0142") != std::string::npos);
  CHECK(js.find("1961-07-04") == std::string::npos);
  CHECK(md.find("1961-07-04") == std::string::npos);
}

// -target: the targeted changes and what they depend on, the drift of the
// targets only, and the unmanaged users counted but not listed.
TEST_CASE("plan scenarios: -target keeps the number of unmanaged users, not the list") {
  Scenario s = load(fixtures_dir() / "target");
  engine::PlanOutcome out = s.world.plan(s.options);
  REQUIRE(out.diagnostics.empty());
  std::vector<std::string> planned;
  for (const engine::Change& c : out.plan.changes) {
    planned.push_back(c.address.to_string());
  }
  CHECK(planned ==
        std::vector<std::string>{"staff.dr.new@clinic.example", "client.mrn-2", "client.mrn-5"});
  REQUIRE(out.plan.drift.size() == 1);
  CHECK(out.plan.drift[0].address.to_string() == "client.mrn-5");
  CHECK(out.plan.unmanaged.empty());
  CHECK(out.plan.unmanaged_not_shown == 2);
}
