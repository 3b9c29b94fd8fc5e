#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

#include "engine/roster/loader.hpp"
#include "engine/warning_kinds.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace fs = std::filesystem;
using namespace rosterform;
using engine::roster::LoadResult;

namespace {

// A throwaway workspace folder, removed at the end of the test.
class Workspace {
 public:
  explicit Workspace(const std::map<std::string, std::string>& files) {
    static int counter = 0;
    m_dir = fs::temp_directory_path() /
            ("rosterform-loader-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(m_dir);
    for (const auto& [rel, text] : files) {
      fs::create_directories((m_dir / rel).parent_path());
      std::ofstream(m_dir / rel, std::ios::binary) << text;
    }
  }
  ~Workspace() { fs::remove_all(m_dir); }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  [[nodiscard]] LoadResult load(const fs::path& tz_dir = {}) const {
    engine::roster::LoadOptions options;
    options.display_dir = fs::path();
    options.today = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
    options.tz_dir = tz_dir;
    return engine::roster::load_workspace(m_dir, healthie::staff_schema(),
                                          healthie::client_schema(), options);
  }

 private:
  fs::path m_dir;
};

std::string lines(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics.items()) {
    out += engine::format_diagnostic(d) + "\n";
  }
  return out;
}

std::string field(const engine::DesiredUser& u, std::string_view name) {
  auto id = healthie::schema_for(u.kind).id_of(name);
  auto v = id ? u.fields.get(*id) : std::nullopt;
  return v ? std::string(*v) : std::string("<absent>");
}

const engine::DesiredUser* find(const std::vector<engine::DesiredUser>& users,
                                std::string_view key) {
  for (const auto& u : users) {
    if (u.key == key) {
      return &u;
    }
  }
  return nullptr;
}

constexpr const char* k_ws = "version: 1\npolicy: {require_provider_for_clients: false}\n";

}  // namespace

TEST_CASE("the examples load without a diagnostic") {
  engine::roster::LoadOptions options;
  options.today = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  const fs::path dir = fs::path(ROSTERFORM_SOURCE_DIR) / "examples";
  const LoadResult r = engine::roster::load_workspace(dir, healthie::staff_schema(),
                                                      healthie::client_schema(), options);
  CHECK(lines(r).empty());
  CHECK(r.state.staff.size() == 4);
  CHECK(r.state.clients.size() == 30);
  CHECK(r.files.size() == 5);
  CHECK(r.state.staff_declared);
  CHECK(r.state.clients_declared);
  CHECK(r.state.healthie.api_key_env == "HEALTHIE_API_KEY");
  CHECK(r.state.policy.protected_emails == std::vector<std::string>{"olivia.owner@example.com"});
}

TEST_CASE("identity keys follow the rules: key, then record_identifier, then email and names") {
  const fs::path dir = fs::path(ROSTERFORM_SOURCE_DIR) / "examples";
  engine::roster::LoadOptions options;
  options.display_dir = fs::path();
  const LoadResult r = engine::roster::load_workspace(dir, healthie::staff_schema(),
                                                      healthie::client_schema(), options);
  REQUIRE(find(r.state.staff, "olivia.owner@example.com") != nullptr);
  const auto* keyed = find(r.state.clients, "intake-2026-003");
  REQUIRE(keyed != nullptr);
  CHECK(keyed->explicit_key);
  CHECK(keyed->previously == std::vector<std::string>{"email:vic.v@example.com/vic/voavanga"});
  const auto* by_rid = find(r.state.clients, "rid:MSN-0001");
  REQUIRE(by_rid != nullptr);
  CHECK_FALSE(by_rid->explicit_key);
  CHECK(by_rid->location.to_string() == "roster/clients-olivia.yaml:10:5");
  CHECK(find(r.state.clients, "email:amir.acai@example.com/amir/acai") != nullptr);
}

TEST_CASE("defaults merge: entry over file defaults over workspace defaults; merge keys work") {
  const fs::path dir = fs::path(ROSTERFORM_SOURCE_DIR) / "examples";
  const LoadResult r =
      engine::roster::load_workspace(dir, healthie::staff_schema(), healthie::client_schema());
  const auto* tara = find(r.state.clients, "intake-2026-001");
  REQUIRE(tara != nullptr);
  CHECK(field(*tara, "provider") == "nora.nguyen@example.com");  // file defaults
  CHECK(field(*tara, "timezone") == "America/Denver");           // file over workspace
  CHECK(field(*tara, "active") == "true");                       // workspace defaults
  const auto* cody = find(r.state.clients, "email:cody.cloudberry@example.com/cody/cloudberry");
  REQUIRE(cody != nullptr);
  CHECK(field(*cody, "provider") == "olivia.owner@example.com");  // entry over defaults
  const auto* ben = find(r.state.clients, "rid:MSN-0002");
  REQUIRE(ben != nullptr);
  CHECK(field(*ben, "provider") == "peter.provider@example.com");  // from <<: *chicago
  CHECK(field(*ben, "timezone") == "America/Chicago");
  const auto* sid = find(r.state.clients, "rid:MSN-0019");
  REQUIRE(sid != nullptr);
  CHECK(field(*sid, "timezone") == "America/Denver");  // explicit beats merged
}

TEST_CASE("values are normalised; identity keys are lower-cased, emails kept as written") {
  Workspace ws({{"rosterform.yaml", std::string(k_ws) + "staff:\n"
                                                        "  - email: Jones@Clinic.Example\n"
                                                        "    first_name: ' Alex '\n"
                                                        "    last_name: Jones\n"
                                                        "    is_admin: True\n"
                                                        "clients:\n"
                                                        "  - email: Jane.Doe@Example.com\n"
                                                        "    first_name: Jane\n"
                                                        "    last_name: Doe\n"
                                                        "    dob: 1990-04-01\n"
                                                        "    provider: JONES@clinic.example\n"
                                                        "    record_identifier: 10442\n"}});
  const LoadResult r = ws.load();
  CHECK(lines(r).empty());
  REQUIRE(r.state.staff.size() == 1);
  CHECK(r.state.staff[0].key == "jones@clinic.example");
  CHECK(field(r.state.staff[0], "email") == "Jones@Clinic.Example");
  CHECK(field(r.state.staff[0], "first_name") == "Alex");
  CHECK(field(r.state.staff[0], "is_admin") == "true");
  REQUIRE(r.state.clients.size() == 1);
  CHECK(r.state.clients[0].key == "rid:10442");
  CHECK(field(r.state.clients[0], "provider") == "jones@clinic.example");
  CHECK(field(r.state.clients[0], "dob") == "1990-04-01");
  CHECK(r.state.external_staff_emails.empty());
}

TEST_CASE("a missing list is unmanaged; an empty list is managed and warned about") {
  Workspace missing({{"rosterform.yaml", std::string(k_ws) + "staff: []\n"}});
  const LoadResult a = missing.load();
  CHECK_FALSE(a.state.clients_declared);
  CHECK(a.state.staff_declared);
  CHECK(lines(a) ==
        "rosterform.yaml:3:1: warning: 'staff' is an empty list: rosterform manages staff and "
        "the roster lists none, so a plan would deactivate every staff member it manages; "
        "remove 'staff:' to leave staff unmanaged\n");
  CHECK_FALSE(a.diagnostics.has_errors());
}

TEST_CASE("a provider outside the roster is kept for the plan to look up in Healthie") {
  Workspace ws({{"rosterform.yaml", std::string(k_ws) +
                                        "clients:\n"
                                        "  - {email: a@example.com, first_name: A, last_name: B, "
                                        "provider: Owner@Clinic.example}\n"
                                        "  - {email: c@example.com, first_name: C, last_name: D, "
                                        "provider: owner@clinic.example}\n"}});
  const LoadResult r = ws.load();
  CHECK(lines(r).empty());
  CHECK(r.state.external_staff_emails == std::vector<std::string>{"owner@clinic.example"});
}

TEST_CASE("anchors defined in one entry serve later ones; aliases expand in place") {
  Workspace ws({{"rosterform.yaml", std::string(k_ws) +
                                        "clients:\n"
                                        "  - &jane\n"
                                        "    email: jane@example.com\n"
                                        "    first_name: Jane\n"
                                        "    last_name: Doe\n"
                                        "    timezone: &tz America/Chicago\n"
                                        "  - <<: *jane\n"
                                        "    first_name: Janet\n"
                                        "  - {email: x@example.com, first_name: X, last_name: Y, "
                                        "timezone: *tz}\n"}});
  const LoadResult r = ws.load();
  CHECK(lines(r).empty());
  REQUIRE(r.state.clients.size() == 3);
  CHECK(r.state.clients[1].key == "email:jane@example.com/janet/doe");
  CHECK(field(r.state.clients[1], "timezone") == "America/Chicago");
  CHECK(field(r.state.clients[2], "timezone") == "America/Chicago");
}

TEST_CASE("an alias bomb is refused, not expanded") {
  std::string yaml = std::string(k_ws) + "x-0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 8; ++i) {
    yaml += "x-" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) {
      yaml += (j != 0 ? ", *a" : "*a") + std::to_string(i - 1);
    }
    yaml += "]\n";
  }
  Workspace ws({{"rosterform.yaml", yaml}});
  const LoadResult r = ws.load();
  REQUIRE(r.diagnostics.has_errors());
  CHECK(engine::format_diagnostic(r.diagnostics.items()[0])
            .find("error: anchors and aliases in this file copy more than 64 MiB") !=
        std::string::npos);
}

TEST_CASE("time zones are not checked, with one warning, when there is no tz database") {
  Workspace ws({{"rosterform.yaml", std::string(k_ws) +
                                        "staff:\n"
                                        "  - {email: a@b.example, first_name: A, last_name: B, "
                                        "timezone: Nowhere/Special}\n"}});
  const LoadResult r = ws.load("/nonexistent/zoneinfo");
  CHECK(lines(r) ==
        "rosterform.yaml: warning: time zones were not checked: there is no tz database at "
        "/nonexistent/zoneinfo (install tzdata, or set TZDIR)\n");
}

TEST_CASE("diagnostics name files as the user typed the folder") {
  engine::roster::LoadOptions options;
  options.display_dir = fs::path("my/roster/");
  const auto r =
      engine::roster::load_workspace(fs::temp_directory_path() / "does-not-exist",
                                     healthie::staff_schema(), healthie::client_schema(), options);
  CHECK(lines(r) ==
        "my/roster/rosterform.yaml: error: no workspace file here: run rosterform in the folder "
        "that holds rosterform.yaml, or name that folder (rosterform -chdir=DIR plan, rosterform validate DIR)\n");
}

TEST_CASE("no diagnostic repeats a client's PHI value") {
  // Each planted value is wrong in some way, or duplicated, or misplaced.
  const std::vector<std::string> phi = {"Zebulon",          "Quixote",        "zq.secret@example",
                                        "1877-13-45",       "MRN-PLANTED-77", "555-PHI-0000",
                                        "Mars/Secret_Zone", "Zebulon Quixote"};
  Workspace ws({{"rosterform.yaml", std::string(k_ws) + "include: [roster/*.yaml]\n"},
                {"roster/a.yaml",
                 "clients:\n"
                 "  - email: zq.secret@example\n"
                 "    first_name: Zebulon\n"
                 "    last_name: Quixote\n"
                 "    dob: 1877-13-45\n"
                 "    record_identifier: MRN-PLANTED-77\n"
                 "    phone_number: 555-PHI-0000\n"
                 "    timezone: Mars/Secret_Zone\n"
                 "    active: Zebulon\n"
                 "    Zebulon Quixote: x\n"
                 "    gender: {Zebulon: Quixote}\n"},
                {"roster/b.yaml",
                 "clients:\n"
                 "  - {email: z@example.com, first_name: Zebulon, last_name: Quixote, "
                 "record_identifier: MRN-PLANTED-77, key: Zebulon}\n"
                 "  - {email: y@example.com, first_name: Zebulon, last_name: Quixote, "
                 "key: Zebulon, previously: [Quixote, Quixote]}\n"}});
  const LoadResult r = ws.load();
  const std::string text = lines(r);
  CHECK(r.diagnostics.error_count() >= 9);
  for (const std::string& value : phi) {
    INFO("planted value: ", value);
    CHECK(text.find(value) == std::string::npos);
  }
}

TEST_CASE("a whole list may come from an alias") {
  Workspace ws({{"rosterform.yaml", std::string(k_ws) +
                                        "x-all: &all\n"
                                        "  - {email: a@example.com, first_name: A, last_name: B}\n"
                                        "clients: *all\n"}});
  const LoadResult r = ws.load();
  CHECK(lines(r).empty());
  REQUIRE(r.state.clients.size() == 1);
  CHECK(r.state.clients[0].key == "email:a@example.com/a/b");
  CHECK(r.state.clients[0].location.to_string() == "rosterform.yaml:4:5");
}

TEST_CASE("include globs: sorted matches, ** for nested folders, each file read once") {
  Workspace ws(
      {{"rosterform.yaml", std::string(k_ws) + "include: ['*.yaml', 'teams/**/*.yaml', "
                                               "'teams/b/*.yaml']\n"},
       {"z.yaml", "staff: []\n"},
       {"teams/b/deep/x.yaml", "clients: [{email: x@e.example, first_name: X, last_name: Y}]\n"},
       {"teams/a.yaml", "clients: [{email: a@e.example, first_name: A, last_name: B}]\n"},
       {"teams/b/c.yaml", "clients: [{email: c@e.example, first_name: C, last_name: D}]\n"},
       {"teams/.hidden.yaml", "bogus: true\n"}});
  const LoadResult r = ws.load();
  CHECK(r.files == std::vector<std::string>{"rosterform.yaml", "z.yaml", "teams/a.yaml",
                                            "teams/b/c.yaml", "teams/b/deep/x.yaml"});
  REQUIRE(r.state.clients.size() == 3);
  CHECK(r.state.clients[0].key == "email:a@e.example/a/b");
  CHECK(r.state.clients[2].key == "email:x@e.example/x/y");
}

TEST_CASE("healthie.read_timeout is a duration above 0") {
  Workspace good({{"rosterform.yaml",
                   std::string("version: 1\nhealthie:\n  read_timeout: 90s\nstaff: []\n")}});
  const LoadResult a = good.load();
  CHECK(a.state.healthie.read_timeout == std::chrono::seconds(90));

  Workspace bad({{"rosterform.yaml",
                  std::string("version: 1\nhealthie:\n  read_timeout: soon\nstaff: []\n")}});
  const LoadResult b = bad.load();
  CHECK(b.diagnostics.has_errors());
  CHECK(lines(b).starts_with(
      "rosterform.yaml:3:17: error: 'read_timeout' in healthie must be a duration above 0: use a "
      "number with a unit, e.g. 500ms, 30s, 5m or 1h (got 'soon')\n"));

  Workspace zero(
      {{"rosterform.yaml", std::string("version: 1\nhealthie:\n  read_timeout: 0s\nstaff: []\n")}});
  CHECK(lines(zero.load())
            .starts_with("rosterform.yaml:3:17: error: 'read_timeout' in healthie must be a "
                         "duration above 0: use a "
                         "number with a unit, e.g. 500ms, 30s, 5m or 1h (got '0s')\n"));
}

// What an imported account can hold (issue 16): each is a warning of its
// kind, so that 2,800 of them are one line, and the roster still loads.
TEST_CASE("a client with no provider, a deactivated one or a Support member is a warning") {
  Workspace ws({{"rosterform.yaml",
                 std::string("version: 1\n") +
                 "staff:\n"
                 "  - {email: gone@clinic.example, first_name: A, last_name: B, active: false}\n"
                 "  - {email: sam@clinic.example, first_name: S, last_name: T, org_role: Support}\n"
                 "clients:\n"
                 "  - {key: c1, email: a@example.com, first_name: A, last_name: B}\n"
                 "  - {key: c2, email: c@example.com, first_name: C, last_name: D, "
                 "provider: gone@clinic.example}\n"
                 "  - {key: c3, email: e@example.com, first_name: E, last_name: F, "
                 "provider: gone@clinic.example, active: false}\n"
                 "  - {key: c4, email: g@example.com, first_name: G, last_name: H, "
                 "provider: sam@clinic.example}\n"}});
  const LoadResult r = ws.load();
  CHECK(lines(r) ==
        "rosterform.yaml:6:5: warning: client names no provider: plan refuses to create a client "
        "without one, and leaves an existing client's provider as Healthie has it (policy "
        "require_provider_for_clients is true): add 'provider: <staff email>' or 'defaults: "
        "{clients: {provider: ...}}'\n"
        "rosterform.yaml:7:76: warning: provider 'gone@clinic.example' is deactivated in the "
        "roster (active: false at rosterform.yaml:3:5): Healthie keeps the assignment, but plan "
        "refuses to assign a client to a deactivated member: assign an active provider\n"
        "rosterform.yaml:9:76: warning: provider 'sam@clinic.example' is a Support member "
        "(org_role: Support at rosterform.yaml:4:5): Healthie assigns clients to providers "
        "(org_role: Standard)\n");
  CHECK_FALSE(r.diagnostics.has_errors());
  REQUIRE(r.diagnostics.items().size() == 3);
  CHECK(r.diagnostics.items()[0].kind == &engine::warning_kinds::no_provider);
  CHECK(r.diagnostics.items()[1].kind == &engine::warning_kinds::deactivated_provider);
  CHECK(r.diagnostics.items()[2].kind == &engine::warning_kinds::support_provider);
}
