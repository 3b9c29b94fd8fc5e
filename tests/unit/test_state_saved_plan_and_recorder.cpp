#include <doctest/doctest.h>

#include "providers/healthie/resource_schema.hpp"
#include "state/saved_plan.hpp"
#include "state/state_recorder.hpp"
#include "support/in_memory_backend.hpp"

using namespace rosterform;
using engine::Action;

namespace {

state::Schemas schemas() { return {healthie::staff_schema(), healthie::client_schema()}; }

engine::FieldChange field(engine::Kind kind, std::string_view name,
                          std::optional<std::string> before, std::optional<std::string> after) {
  engine::FieldChange f;
  f.field = *healthie::schema_for(kind).id_of(name);
  f.before = std::move(before);
  f.after = std::move(after);
  f.changed = f.before != f.after;
  return f;
}

engine::Change client_create(std::string key, bool phi_key) {
  engine::Change c;
  c.action = Action::create;
  c.address.kind = engine::Kind::client;
  c.address.key = std::move(key);
  c.address.key_is_phi = phi_key;
  c.address.location = {"roster/clients.yaml", 4, 5};
  c.fields.push_back(field(engine::Kind::client, "email", std::nullopt, "jane@example.com"));
  c.fields.push_back(field(engine::Kind::client, "dob", std::nullopt, "1990-04-01"));
  c.side_effects.push_back({engine::SideEffectKind::welcome_email, 1, ""});
  return c;
}

}  // namespace

TEST_CASE("a saved plan round-trips every change") {
  state::SavedPlan saved;
  saved.lineage = "abc";
  saved.serial = 3;
  saved.state_present = true;
  saved.created = "2026-11-27T10:00:00Z";
  saved.created_unix = 1795000000;
  saved.plan.changes.push_back(client_create("mrn-1", false));
  engine::Change staff;
  staff.action = Action::deactivate;
  staff.address.kind = engine::Kind::staff;
  staff.address.key = "old@clinic.example";
  staff.address.user_id = "9";
  staff.membership_id = "m9";
  staff.reassign_clients_to = "new@clinic.example";
  staff.depends_on = {0};
  staff.fingerprint = {"2026-11-01 10:00:00 +0000", "ff00"};
  saved.plan.changes.push_back(staff);
  engine::recount(saved.plan);

  std::string text = state::encode_saved_plan(saved, schemas());
  auto back = state::decode_saved_plan(text, "p.plan", schemas());
  REQUIRE(back);
  CHECK(back->lineage == "abc");
  CHECK(back->serial == 3U);
  REQUIRE(back->plan.changes.size() == 2);
  const engine::Change& c0 = back->plan.changes[0];
  CHECK(c0.action == Action::create);
  CHECK(c0.address.location.to_string() == "roster/clients.yaml:4:5");
  CHECK(*c0.fields[1].after == "1990-04-01");
  CHECK_FALSE(c0.fields[1].before.has_value());
  CHECK(c0.side_effects[0].kind == engine::SideEffectKind::welcome_email);
  const engine::Change& c1 = back->plan.changes[1];
  CHECK(c1.reassign_clients_to == "new@clinic.example");
  CHECK(c1.depends_on == std::vector<std::size_t>{0});
  CHECK(c1.fingerprint.fields_digest == "ff00");
  CHECK(state::plan_hash(back->plan, schemas()) == state::plan_hash(saved.plan, schemas()));
}

TEST_CASE("a file that is not a saved plan says how to make one") {
  auto r = state::decode_saved_plan("{}", "review.plan", schemas());
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "review.plan is not a saved plan; make one with: rosterform plan -out=review.plan");
}

TEST_CASE("the recorder journals each success with keyed digests, never values") {
  testing::InMemoryBackend backend;
  state::StateFile initial = backend.load().value();
  state::StateRecorder recorder(backend, initial, schemas());
  engine::RemoteUser after;
  after.user_id = "501";
  REQUIRE(recorder.on_success(client_create("mrn-1", false), after));
  REQUIRE(recorder.on_success(client_create("email:jane@example.com/jane/doe", true), after));

  // Folded into a fresh load before any save: the journal alone is enough.
  state::StateFile journaled = backend.load().value();
  REQUIRE(journaled.resources.count("client.mrn-1") == 1);
  const auto& r = journaled.resources.at("client.mrn-1");
  CHECK(r.user_id == "501");
  CHECK(r.applied.at("dob") == state::HmacHasher(initial.hmac_key).hex_digest("1990-04-01"));
  // A PHI-derived key is kept as a keyed digest, not in the clear.
  for (const auto& [address, resource] : journaled.resources) {
    CHECK(address.find("jane") == std::string::npos);
  }
  REQUIRE(recorder.finish());
  CHECK(backend.load().value().serial == initial.serial + 1);
}

TEST_CASE("a user deactivated because it left the roster leaves the state") {
  testing::InMemoryBackend backend;
  state::StateFile initial = backend.load().value();
  initial.resources["staff.old@clinic.example"] = {engine::Kind::staff, "9", "m9", {}};
  state::StateRecorder recorder(backend, initial, schemas());
  engine::Change c;
  c.action = Action::deactivate;
  c.address.kind = engine::Kind::staff;
  c.address.key = "old@clinic.example";
  REQUIRE(recorder.on_success(c, {}));
  CHECK(recorder.state().resources.empty());

  // One the roster asks for (active: false) stays managed.
  engine::Change asked = c;
  asked.address.key = "kept@clinic.example";
  asked.fields.push_back(field(engine::Kind::staff, "active", "true", "false"));
  REQUIRE(recorder.on_success(asked, {}));
  CHECK(recorder.state().resources.count("staff.kept@clinic.example") == 1);
}

// Found writing fuzz_state_decoder (docs/fuzzing.md): `kind` or `format_version`
// of another type threw before the decoder's own error handling.
TEST_CASE("a saved plan whose kind or format_version has the wrong type is refused") {
  auto r = state::decode_saved_plan(R"({"kind": 1})", "review.plan", schemas());
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "review.plan is not a saved plan; make one with: rosterform plan -out=review.plan");
  r = state::decode_saved_plan(R"({"kind": "rosterform-saved-plan", "format_version": "1"})",
                               "review.plan", schemas());
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "review.plan: saved-plan format_version 0 is not supported (this rosterform reads 1); "
        "plan again");
}

// Found writing fuzz_state_decoder's invariant: apply indexes its changes by
// depends_on, so a dependency that is not an earlier change would read out
// of bounds or wait for ever.
TEST_CASE("a saved plan whose change depends on a later one is refused") {
  state::SavedPlan saved;
  saved.lineage = "abc";
  saved.plan.changes.push_back(client_create("mrn-1", false));
  saved.plan.changes.push_back(client_create("mrn-2", false));
  engine::recount(saved.plan);
  for (std::size_t bad : {std::size_t{0}, std::size_t{1}, std::size_t{7}}) {
    CAPTURE(bad);
    saved.plan.changes[0].depends_on = {bad};
    auto r = state::decode_saved_plan(state::encode_saved_plan(saved, schemas()), "review.plan",
                                      schemas());
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "review.plan: damaged saved plan (change 0 depends on change " +
                                   std::to_string(bad) +
                                   ", which is not an earlier change); plan again");
  }
  saved.plan.changes[0].depends_on = {};
  saved.plan.changes[1].depends_on = {0};
  CHECK(state::decode_saved_plan(state::encode_saved_plan(saved, schemas()), "review.plan",
                                 schemas()));
}

// Found by fuzz_state_decoder (docs/fuzzing.md): an integer too large for 64
// bits is parsed as a double, and converting it was undefined behaviour.
TEST_CASE("a saved plan with a number that is not a 64-bit integer is refused") {
  state::SavedPlan saved;
  saved.lineage = "abc";
  saved.created_unix = 1795000000;
  saved.plan.changes.push_back(client_create("mrn-1", false));
  engine::recount(saved.plan);
  std::string text = state::encode_saved_plan(saved, schemas());
  auto at = text.find("1795000000");
  REQUIRE(at != std::string::npos);
  for (std::string bad : {"179507777777777777700000", "1.5"}) {
    CAPTURE(bad);
    auto r = state::decode_saved_plan(std::string(text).replace(at, 10, bad), "review.plan",
                                      schemas());
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "review.plan: damaged saved plan ([json.exception.type_error.302] an integer is "
          "required, but this is a number with a fraction or beyond 64 bits); plan again");
  }
}
