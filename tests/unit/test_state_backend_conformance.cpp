// One suite, every backend: what Terraform's statemgr.TestFull does for its
// state managers. A team backend must pass the same checks.
#include <doctest/doctest.h>

#include <memory>

#include "state/local_backend.hpp"
#include "support/in_memory_backend.hpp"
#include "support/temp_dir.hpp"

using namespace rosterform;

namespace {

state::ResourceState client_resource(const std::string& id) {
  state::ResourceState r;
  r.kind = engine::Kind::client;
  r.user_id = id;
  r.applied["email"] = std::string(64, 'a');
  return r;
}

void check_backend(state::Backend& backend) {
  auto fresh = backend.load();
  REQUIRE(fresh);
  CHECK(fresh->serial == 0U);
  CHECK(fresh->lineage.size() == 32U);
  CHECK(fresh->hmac_key.size() == 64U);

  state::StateFile s = *fresh;
  s.serial = 1;
  s.resources["client.mrn-1"] = client_resource("101");
  REQUIRE(backend.save(s));
  CHECK(backend.load().value() == s);

  // A journal entry survives without a save, and is folded into the next load.
  REQUIRE(backend.append_journal({state::JournalEntry::Op::upsert, "client.mrn-2",
                                  client_resource("102")}));
  REQUIRE(backend.append_journal({state::JournalEntry::Op::remove, "client.mrn-1", {}}));
  auto folded = backend.load().value();
  CHECK(folded.resources.count("client.mrn-1") == 0U);
  CHECK(folded.resources.at("client.mrn-2").user_id == "102");
  CHECK(folded.lineage == s.lineage);

  // Saving supersedes the journal.
  folded.serial = 2;
  REQUIRE(backend.save(folded));
  CHECK(backend.load().value() == folded);

  // One lock at a time; the second is told who holds it.
  auto held = backend.lock("apply", std::chrono::milliseconds(0));
  REQUIRE(held);
  CHECK(backend.lock_holder().value()->operation == "apply");
  auto second = backend.lock("plan", std::chrono::milliseconds(0));
  REQUIRE_FALSE(second);
  CHECK(second.error().message.find(held->id) != std::string::npos);
  CHECK_FALSE(backend.force_unlock("not-the-id"));
  REQUIRE(backend.force_unlock(held->id));
  CHECK_FALSE(backend.lock_holder().value().has_value());
  auto again = backend.lock("apply", std::chrono::milliseconds(0));
  REQUIRE(again);
  REQUIRE(backend.unlock(*again));

  // A new state is started only where there is none.
  CHECK_FALSE(backend.start_new_state());
}

// On a backend that holds no state yet: start_new_state saves a fresh one.
void check_new_state(state::Backend& backend) {
  auto made = backend.start_new_state();
  REQUIRE(made);
  CHECK(made->state.serial == 0U);
  CHECK(made->state.lineage.size() == 32U);
  CHECK(backend.load().value() == made->state);
  CHECK_FALSE(backend.start_new_state());
}

}  // namespace

TEST_CASE("conformance: the local file backend") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file(".rosterform/state.json"));
  check_backend(backend);
  testing::TempDir other;
  state::LocalBackend empty(other.file(".rosterform/state.json"));
  check_new_state(empty);
}

TEST_CASE("conformance: the in-memory backend") {
  testing::InMemoryBackend backend;
  check_backend(backend);
  testing::InMemoryBackend empty;
  check_new_state(empty);
}
