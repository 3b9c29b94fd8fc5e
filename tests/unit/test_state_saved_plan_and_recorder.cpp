#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "providers/healthie/resource_schema.hpp"
#include "state/crypto.hpp"
#include "state/saved_plan.hpp"
#include "state/state_repair.hpp"
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

// An edited plan sealed again, as a forger who knows the format would: the
// decoder's checks past the digest still hold.
std::string resealed(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  j.erase("digest");
  j["digest"] = "sha256:" + state::sha256_hex(j.dump(2));
  return j.dump(2);
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
  staff.fingerprint.updated_at = "2026-11-01 10:00:00 +0000";
  staff.fingerprint.fields_digest = "ff00";
  staff.fingerprint.active = false;
  staff.fingerprint.field_digests = {{*healthie::staff_schema().id_of("email"), "0123456789abcdef"}};
  staff.leaves_roster = true;
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
  CHECK_FALSE(c1.fingerprint.active);
  CHECK(c1.fingerprint.field_digests == staff.fingerprint.field_digests);
  CHECK(c1.leaves_roster);
  CHECK_FALSE(c0.leaves_roster);
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
  REQUIRE(recorder.on_success(0, client_create("mrn-1", false), after));
  engine::RemoteUser other;  // another client is another Healthie user
  other.user_id = "502";
  REQUIRE(recorder.on_success(1, client_create("email:jane@example.com/jane/doe", true), other));

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
  c.leaves_roster = true;
  REQUIRE(recorder.on_success(0, c, {}));
  CHECK(recorder.state().resources.empty());

  // One the roster asks for (active: false) stays managed.
  engine::Change asked = c;
  asked.address.key = "kept@clinic.example";
  asked.leaves_roster = false;
  asked.fields.push_back(field(engine::Kind::staff, "active", "true", "false"));
  REQUIRE(recorder.on_success(1, asked, {}));
  CHECK(recorder.state().resources.count("staff.kept@clinic.example") == 1);
}

TEST_CASE("a saved plan edited after it was made is refused") {
  state::SavedPlan saved;
  saved.lineage = "abc";
  saved.plan.changes.push_back(client_create("mrn-1", false));
  engine::recount(saved.plan);
  std::string text = state::encode_saved_plan(saved, schemas());
  REQUIRE(state::decode_saved_plan(text, "a.plan", schemas()));
  std::string edited = text;
  edited.replace(edited.find("jane@example.com"), 4, "joan");
  auto r = state::decode_saved_plan(edited, "a.plan", schemas());
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "a.plan was changed after it was made (its digest does not match its content); a saved "
        "plan is applied only exactly as reviewed: run rosterform plan -out=a.plan again");
}

TEST_CASE("a removal of a hidden-key client drops its entry, never files a second one") {
  testing::InMemoryBackend backend;
  state::StateFile initial = backend.load().value();
  state::HmacHasher hasher(initial.hmac_key);
  std::string hidden = hasher.hidden_key("rid:MSN-1");
  initial.resources["client." + hidden] = {engine::Kind::client, "77", "", {}};
  state::StateRecorder recorder(backend, initial, schemas());
  engine::Change c;
  c.action = Action::deactivate;
  c.address = {engine::Kind::client, hidden, true, "77", {}};
  c.leaves_roster = true;
  c.fields.push_back(field(engine::Kind::client, "active", "true", "false"));
  REQUIRE(recorder.begin(true, {"h1", initial.serial, 1}));
  REQUIRE(recorder.on_success(0, c, {}));
  CHECK(recorder.state().resources.empty());
  REQUIRE(recorder.state().last_apply);
  CHECK(recorder.state().last_apply->complete());
}

TEST_CASE("an upsert for a user already in the state replaces its other address") {
  state::StateFile s;
  s.resources["client.h:old"] = {engine::Kind::client, "77", "", {}};
  s.resources["staff.a@clinic.example"] = {engine::Kind::staff, "77", "m1", {}};
  state::JournalEntry e;
  e.address = "client.mrn-77";
  e.resource = {engine::Kind::client, "77", "", {}};
  state::apply_journal(s, {e});
  CHECK(s.resources.size() == 2);
  CHECK(s.resources.count("client.mrn-77") == 1);
  CHECK(s.resources.count("staff.a@clinic.example") == 1);  // another kind: another user
}

TEST_CASE("the journal records which changes of which plan are made") {
  testing::InMemoryBackend backend;
  state::StateFile initial = backend.load().value();
  {
    state::StateRecorder recorder(backend, initial, schemas());
    REQUIRE(recorder.begin(false, {"hash-1", 0, 3}));
    REQUIRE(recorder.on_success(2, client_create("mrn-3", false), {}));
  }
  // A second run of the same plan (a resume) keeps what the first made.
  state::StateFile folded = backend.load().value();
  REQUIRE(folded.last_apply);
  CHECK(folded.last_apply->done == std::vector<std::size_t>{2});
  state::StateRecorder again(backend, folded, schemas());
  REQUIRE(again.begin(true, {"hash-1", 0, 3}));
  REQUIRE(again.on_success(0, client_create("mrn-1", false), {}));
  REQUIRE(again.finish());
  state::StateFile saved = backend.load().value();
  CHECK(saved.last_apply->done == std::vector<std::size_t>{0, 2});
  CHECK_FALSE(saved.last_apply->complete());
  // Another plan starts afresh.
  state::StateRecorder other(backend, saved, schemas());
  REQUIRE(other.begin(true, {"hash-2", saved.serial, 1}));
  CHECK(other.state().last_apply->plan_hash == "hash-2");
  CHECK(other.state().last_apply->done.empty());
}

TEST_CASE("a state holding one user under a ghost address is repaired on load") {
  state::StateFile s = state::new_state();
  state::HmacHasher hasher(s.hmac_key);
  std::string real = hasher.hidden_key("rid:MSN-1");
  std::string ghost = hasher.hidden_key(real);
  s.resources["client." + real] = {engine::Kind::client, "77", "", {}};
  s.resources["client." + ghost] = {engine::Kind::client, "77", "", {}};
  s.resources["client.mrn-2"] = {engine::Kind::client, "78", "", {}};
  CHECK(state::merge_duplicate_users(s, hasher) == 1);
  CHECK(s.resources.count("client." + real) == 1);
  CHECK(s.resources.count("client." + ghost) == 0);
  CHECK(s.resources.size() == 2);
  CHECK(state::merge_duplicate_users(s, hasher) == 0);
}

TEST_CASE("a key in stored form is never hashed again") {
  state::HmacHasher hasher(state::new_state().hmac_key);
  std::string hidden = hasher.hidden_key("email:jane@example.com/jane/doe");
  engine::Address derived{engine::Kind::client, "email:jane@example.com/jane/doe", true, "", {}};
  engine::Address stored{engine::Kind::client, hidden, true, "77", {}};
  CHECK(state::stored_key(derived, hasher) == hidden);
  CHECK(state::stored_key(stored, hasher) == hidden);
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
        "review.plan: saved-plan format_version 0 is not supported (this rosterform reads " +
            std::to_string(state::k_saved_plan_format_version) + "); plan again");
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
    auto r = state::decode_saved_plan(resealed(std::string(text).replace(at, 10, bad)),
                                      "review.plan", schemas());
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "review.plan: damaged saved plan ([json.exception.type_error.302] an integer is "
          "required, but this is a number with a fraction or beyond 64 bits); plan again");
  }
}
