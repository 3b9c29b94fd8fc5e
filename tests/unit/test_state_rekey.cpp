// Re-keying a state from its embedded HMAC key to a state key: digests that
// still match Healthie are re-made, drifted ones dropped and reported.
#include <doctest/doctest.h>

#include "providers/healthie/resource_schema.hpp"
#include "state/backend.hpp"
#include "state/hmac_hasher.hpp"
#include "state/rekey.hpp"

using namespace rosterform;

namespace {

state::Schemas schemas() { return {healthie::staff_schema(), healthie::client_schema()}; }

state::StateKey make_key() {
  auto k = state::parse_state_key(state::generate_state_key(), "ROSTERFORM_STATE_KEY");
  REQUIRE(k);
  return *k;
}

engine::RemoteUser remote(engine::Kind kind, std::string id,
                          std::vector<std::pair<std::string_view, std::string>> fields,
                          bool active = true) {
  engine::RemoteUser u;
  u.kind = kind;
  u.user_id = std::move(id);
  const engine::ResourceSchema& schema = healthie::schema_for(kind);
  for (auto& [name, value] : fields) {
    u.fields.set(*schema.id_of(name), value);
  }
  if (!active) {
    u.fields.set(*schema.id_of("active"), "false");
  }
  return u;
}

}  // namespace

TEST_CASE("rekey re-makes the digests Healthie still matches and drops the drifted ones") {
  state::StateFile old = state::new_state();
  old.serial = 7;
  old.last_apply = state::PlanProgress{"hash", 6, 1, {0}, {0}, {}};
  state::HmacHasher was(old.hmac_key);
  std::string hidden = was.hidden_key("rid:MSN-1");
  old.resources["client.mrn-1"] = {engine::Kind::client, "2001", "",
                                   {{"dob", was.hex_digest("1990-04-01")},
                                    {"phone_number", was.hex_digest("5550100")},
                                    {"active", was.hex_digest("true")}}};
  old.resources["client." + hidden] = {engine::Kind::client, "2002", "",
                                       {{"email", was.hex_digest("jane@example.com")}}};
  old.resources["client." + was.hidden_key("rid:GONE")] = {engine::Kind::client, "2003", "", {}};
  old.resources["staff.jones@clinic.example"] = {
      engine::Kind::staff, "1001", "m-1", {{"email", was.hex_digest("jones@clinic.example")}}};

  state::RekeyInput input;
  input.current["client.mrn-1"] = {{"dob", "1990-04-01"}, {"phone_number", "5550199"},
                                   {"active", "true"}};
  input.current["client." + hidden] = {{"email", "Jane@Example.com"}};  // case differs
  input.roster_client_keys = {"mrn-1", "rid:MSN-1"};
  state::StateKey k = make_key();
  state::RekeyReport report;
  state::StateFile now = state::rekey_state(old, k, input, report);

  state::HmacHasher is(state::derived_hmac_key_hex(k));
  CHECK(now.external_key());
  CHECK(now.key_fingerprint == state::key_fingerprint(k));
  CHECK(now.hmac_key == state::derived_hmac_key_hex(k));
  CHECK(now.lineage == old.lineage);
  CHECK(now.serial == 7U);
  CHECK(now.last_apply == old.last_apply);
  const state::ResourceState& mrn = now.resources.at("client.mrn-1");
  CHECK(mrn.applied.at("dob") == is.hex_digest("1990-04-01"));
  CHECK(mrn.applied.at("active") == is.hex_digest("true"));
  CHECK(mrn.applied.count("phone_number") == 0U);
  CHECK(now.resources.at("client." + is.hidden_key("rid:MSN-1")).applied.at("email") ==
        is.hex_digest("jane@example.com"));
  // Staff are not in `current`: their digests cannot be checked and go.
  CHECK(now.resources.at("staff.jones@clinic.example").applied.empty());
  // The entry no roster key makes keeps an opaque name under the new key.
  std::string renamed = "client." + is.hidden_key(was.hidden_key("rid:GONE"));
  REQUIRE(now.resources.count(renamed) == 1U);
  CHECK(now.resources.at(renamed).user_id == "2003");
  CHECK(now.resources.size() == 4U);
  for (const auto& [address, r] : now.resources) {
    CHECK(address.find(hidden) == std::string::npos);
  }

  CHECK(report.rekeyed == 3U);
  CHECK(report.dropped == std::vector<std::string>{"client.mrn-1 phone_number",
                                                   "staff.jones@clinic.example email"});
  CHECK(report.hidden_rekeyed == 1U);
  CHECK(report.hidden_renamed == std::vector<std::string>{"client.id:2003"});
}

TEST_CASE("current_field_values reads Healthie as the diff hashes it") {
  state::StateFile s = state::new_state();
  s.resources["client.mrn-1"] = {
      engine::Kind::client, "2001", "", {{"dob", "x"}, {"active", "x"}, {"provider", "x"}}};
  s.resources["client.mrn-9"] = {engine::Kind::client, "2009", "", {{"dob", "x"}}};
  engine::CurrentState current;
  current.staff.push_back(remote(engine::Kind::staff, "1001", {{"email", "Jones@Clinic.example"}}));
  current.clients.push_back(remote(engine::Kind::client, "2001",
                                   {{"dob", "1990-04-01"}, {"provider", "id:1001"},
                                    {"phone_number", "555"}},
                                   false));
  state::CurrentValues values = state::current_field_values(s, current, schemas());
  CHECK(values.size() == 1U);  // mrn-9 is not in Healthie
  CHECK(values.at("client.mrn-1") ==
        std::map<std::string, std::string>{
            {"active", "false"}, {"dob", "1990-04-01"}, {"provider", "jones@clinic.example"}});
}
