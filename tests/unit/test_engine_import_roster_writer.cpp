// The roster files `rosterform import` writes: exact text, including the
// comment on each entry where import had to choose, and no PHI in it.
#include <doctest/doctest.h>

#include "engine/import/roster_writer.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::Kind;
using testing::FieldValues;
using testing::record_of;

namespace {

engine::RemoteUser user(Kind kind, const std::string& id, const FieldValues& values,
                        bool active = true) {
  engine::RemoteUser u;
  u.kind = kind;
  u.user_id = id;
  FieldValues all = values;
  all.emplace_back("active", active ? "true" : "false");
  u.fields = record_of(kind, all);
  return u;
}

engine::RemoteUser client(const std::string& id, std::optional<std::string> provider,
                          bool active = true) {
  FieldValues v = {{"email", "c" + id + "@example.com"}, {"first_name", "Fay"},
                   {"last_name", "Fig"}};
  if (provider) {
    v.emplace_back("provider", *provider);
  }
  return user(Kind::client, id, v, active);
}

}  // namespace

TEST_CASE("import: clients say what import chose for a provider the roster cannot name plainly") {
  std::vector<engine::RemoteUser> staff = {
      user(Kind::staff, "1", {{"email", "Ann@clinic.example"}, {"org_role", "Standard"}}),
      user(Kind::staff, "2", {{"email", "gone@clinic.example"}}, false),
      user(Kind::staff, "3", {{"email", "sam@clinic.example"}, {"org_role", "Support"}})};
  std::vector<engine::RemoteUser> clients = {
      client("11", "ann@clinic.example"), client("12", std::nullopt),
      client("13", "gone@clinic.example"), client("14", "gone@clinic.example", false),
      client("15", "sam@clinic.example"), client("16", "id:99")};
  std::string yaml = engine::clients_roster_yaml(clients, healthie::client_schema(), staff,
                                                 healthie::staff_schema());
  CHECK(yaml ==
        "# Imported from Healthie by rosterform import. Client data is PHI: keep this "
        "repository private.\n"
        "clients:\n"
        "  - key: healthie-11\n"
        "    email: \"c11@example.com\"\n"
        "    first_name: \"Fay\"\n"
        "    last_name: \"Fig\"\n"
        "    provider: \"ann@clinic.example\"\n"
        "  - key: healthie-12  # no provider in Healthie: left out, so rosterform leaves it as "
        "it is; add provider: <staff email> to assign one\n"
        "    email: \"c12@example.com\"\n"
        "    first_name: \"Fay\"\n"
        "    last_name: \"Fig\"\n"
        "  - key: healthie-13\n"
        "    email: \"c13@example.com\"\n"
        "    first_name: \"Fay\"\n"
        "    last_name: \"Fig\"\n"
        "    provider: \"gone@clinic.example\"  # deactivated in Healthie (active: false in "
        "staff): kept as Healthie has it; assign an active provider when you can\n"
        "  - key: healthie-14\n"
        "    email: \"c14@example.com\"\n"
        "    first_name: \"Fay\"\n"
        "    last_name: \"Fig\"\n"
        "    provider: \"gone@clinic.example\"\n"
        "    active: false\n"
        "  - key: healthie-15\n"
        "    email: \"c15@example.com\"\n"
        "    first_name: \"Fay\"\n"
        "    last_name: \"Fig\"\n"
        "    provider: \"sam@clinic.example\"  # a Support member (org_role: Support): kept as "
        "Healthie has it\n"
        "  - key: healthie-16  # provider not written: Healthie's provider (id:99) is not a "
        "staff member this key can read, so rosterform leaves it as it is\n"
        "    email: \"c16@example.com\"\n"
        "    first_name: \"Fay\"\n"
        "    last_name: \"Fig\"\n");
}
