// What only a team backend must do: compare-and-swap saves, a lock that
// frees itself when its holder's session ends, a live holder refused and
// named, history, schema versions, and concurrent first runs.
#include <doctest/doctest.h>

#include <libpq-fe.h>

#include <thread>
#include <vector>

#include "pg_fixture.hpp"
#include "state/postgres/pg_schema.hpp"

using namespace rosterform;

namespace {

state::ResourceState client(const std::string& id) {
  state::ResourceState r;
  r.kind = engine::Kind::client;
  r.user_id = id;
  r.applied["email"] = std::string(64, 'b');
  return r;
}

// A state saved at serial 1 in a fresh schema.
state::StateFile seed(state::PostgresBackend& b) {
  state::StateFile s = b.load().value();
  s.serial = 1;
  s.resources["client.mrn-1"] = client("101");
  REQUIRE(b.save(s));
  return s;
}

void sql(const std::string& statement) {
  PGconn* c = PQconnectdb("");
  REQUIRE(PQstatus(c) == CONNECTION_OK);
  PGresult* r = PQexec(c, statement.c_str());
  CHECK_MESSAGE(PQresultStatus(r) != PGRES_FATAL_ERROR, PQresultErrorMessage(r));
  PQclear(r);
  PQfinish(c);
}

}  // namespace

TEST_CASE("postgres: a save that finds the serial moved is refused and changes nothing") {
  std::string schema = testing::fresh_schema();
  auto a = testing::open_pg(schema);
  auto b = testing::open_pg(schema);
  state::StateFile s = seed(*a);
  state::StateFile seen_by_b = b->load().value();
  s.serial = 2;
  REQUIRE(a->save(s));
  seen_by_b.serial = 2;
  seen_by_b.resources.clear();
  auto refused = b->save(seen_by_b);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message ==
        "the state of workspace 'default' in PostgreSQL (schema " + schema +
            ") moved since it was read (this run read serial 1; another run saved since): "
            "nothing was saved, and this run keeps the lock. Run plan again.");
  CHECK(b->load().value() == s);
  // Having read again, b may save.
  state::StateFile again = b->load().value();
  again.serial = 3;
  CHECK(b->save(again));
}

TEST_CASE("postgres: a failed save keeps the journal in the database") {
  std::string schema = testing::fresh_schema();
  auto a = testing::open_pg(schema);
  auto b = testing::open_pg(schema);
  state::StateFile s = seed(*a);
  (void)b->load().value();
  REQUIRE(a->append_journal({state::JournalEntry::Op::upsert, "client.mrn-2", client("102")}));
  s.serial = 2;
  REQUIRE(b->save(s));  // someone else saved meanwhile (and cleared no journal of a's? it did)
  state::StateFile mine = s;
  mine.serial = 3;
  REQUIRE_FALSE(a->save(mine));  // a read serial 1: refused
}

TEST_CASE("postgres: a holder whose session ended frees the lock by itself") {
  std::string schema = testing::fresh_schema();
  auto other = testing::open_pg(schema);
  std::string dead_id;
  {
    auto crashed = testing::open_pg(schema);
    auto held = crashed->lock("apply", std::chrono::milliseconds(0));
    REQUIRE(held);
    dead_id = held->id;
    // The runner dies: its connection closes without an unlock.
  }
  auto taken = other->lock("apply", std::chrono::seconds(10));
  REQUIRE(taken);
  CHECK(taken->id != dead_id);
  CHECK(other->lock_holder().value()->id == taken->id);
  REQUIRE(other->unlock(*taken));
}

TEST_CASE("postgres: the row of a dead holder is reported as ended, and force-unlock clears it") {
  std::string schema = testing::fresh_schema();
  auto other = testing::open_pg(schema);
  std::string dead_id;
  {
    auto crashed = testing::open_pg(schema);
    dead_id = crashed->lock("apply", std::chrono::milliseconds(0)).value().id;
  }
  std::optional<state::LockInfo> holder;
  for (int i = 0; i < 50; ++i) {  // the server notices the closed session within a moment
    holder = other->lock_holder().value();
    if (holder && other->holder_state(*holder) == state::HolderProcess::gone) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(holder);
  CHECK(other->holder_state(*holder) == state::HolderProcess::gone);
  // Read once more: the row read before the loop saw the session end may
  // still describe it as running.
  holder = other->lock_holder().value();
  REQUIRE(holder);
  CHECK(holder->id == dead_id);
  CHECK(holder->session.find("has ended, so the lock freed itself") != std::string::npos);
  REQUIRE(other->force_unlock(dead_id));
  CHECK_FALSE(other->lock_holder().value().has_value());
}

TEST_CASE("postgres: a live holder is refused, named, and shown as still running") {
  std::string schema = testing::fresh_schema();
  auto holder = testing::open_pg(schema, "clinic-prod");
  auto waiter = testing::open_pg(schema, "clinic-prod");
  auto held = holder->lock("apply", std::chrono::milliseconds(0)).value();
  auto refused = waiter->lock("plan", std::chrono::milliseconds(300));
  REQUIRE_FALSE(refused);
  const std::string& m = refused.error().message;
  CHECK(m.rfind("the state of workspace 'clinic-prod' in PostgreSQL (schema " + schema +
                    ") is locked by another run:\n  ID:        " + held.id,
                0) == 0);
  CHECK(m.find("  Operation: apply") != std::string::npos);
  CHECK(m.find("(still running") != std::string::npos);
  CHECK(m.find("rosterform force-unlock " + held.id) != std::string::npos);
  CHECK(waiter->holder_state(waiter->lock_holder().value().value()) ==
        state::HolderProcess::running);
  // Another workspace in the same database is not blocked.
  auto elsewhere = testing::open_pg(schema, "clinic-staging");
  auto mine = elsewhere->lock("apply", std::chrono::milliseconds(0));
  CHECK(mine);
  // The holder confirms its lock before each change; once forced open, it stops.
  CHECK(holder->confirm_lock(held));
  REQUIRE(waiter->force_unlock(held.id));
  auto after = holder->confirm_lock(held);
  REQUIRE_FALSE(after);
  CHECK(after.error().message.find("lost the connection to the state database") !=
            std::string::npos);
}

TEST_CASE("postgres: history lists every saved version, newest first, and reads one back") {
  std::string schema = testing::fresh_schema();
  auto b = testing::open_pg(schema);
  state::StateFile first = seed(*b);
  state::StateFile second = first;
  second.serial = 2;
  second.resources["client.mrn-2"] = client("102");
  REQUIRE(b->save(second));
  auto versions = b->history(10).value();
  REQUIRE(versions.size() == 2U);
  CHECK(versions[0].serial == 2U);
  CHECK(versions[1].serial == 1U);
  CHECK(versions[0].operation == "save");
  CHECK(versions[0].lineage == first.lineage);
  CHECK(b->read_version(1).value() == first);
  auto missing = b->read_version(7);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message ==
        "the state of workspace 'default' in PostgreSQL (schema " + schema +
            ") has no version with serial 7 in its current lineage; `rosterform state history` "
            "lists the versions kept");
}

TEST_CASE("postgres: the audit chain lives in the database and verifies") {
  std::string schema = testing::fresh_schema();
  auto b = testing::open_pg(schema);
  state::AuditEntry e;
  e.operation = "apply";
  e.result = "succeeded";
  REQUIRE(b->append_audit(e));
  REQUIRE(b->append_audit(e));
  auto verified = b->verify_audit().value();
  CHECK(verified.lines == 2U);
  CHECK(verified.last_hash.size() == 64U);
}

TEST_CASE("postgres: a schema newer than this build is refused") {
  std::string schema = testing::fresh_schema();
  (void)testing::open_pg(schema);
  sql("INSERT INTO " + schema + ".schema_version (version, applied_by) VALUES (99, 'future')");
  auto refused = state::PostgresBackend::open(testing::pg_settings(schema));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message ==
        "the state database's schema '" + schema +
            "' is at version 99, newer than this rosterform knows (version 1): a newer "
            "rosterform migrated it. Upgrade rosterform on this runner; an older one must not "
            "write a state it does not understand.");
}

TEST_CASE("postgres: concurrent first runs create the schema once") {
  std::string schema = testing::fresh_schema();
  std::vector<std::thread> runners;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; ++i) {
    runners.emplace_back([&, i] {
      auto b = state::PostgresBackend::open(testing::pg_settings(schema));
      ok[static_cast<std::size_t>(i)] = b ? 1 : 0;
    });
  }
  for (std::thread& t : runners) {
    t.join();
  }
  CHECK(ok == std::vector<int>(4, 1));
}

TEST_CASE("postgres: a bad connection is one clear error") {
  state::PostgresSettings s = testing::pg_settings(testing::fresh_schema());
  s.connect.conn_str = "host=/nonexistent-socket-folder port=5999 connect_timeout=2";
  s.connect.conn_str_origin = "ROSTERFORM_PG_URL";
  auto refused = state::PostgresBackend::open(s);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.rfind(
            "cannot connect to the state database (connection from ROSTERFORM_PG_URL): ", 0) == 0);
  CHECK(refused.error().message.find("Check PGHOST, PGPORT") != std::string::npos);
}

TEST_CASE("postgres: a server not on this machine is reached with sslmode=verify-full") {
  state::PostgresSettings s = testing::pg_settings(testing::fresh_schema());
  s.connect.conn_str = "host=db.invalid connect_timeout=2";
  s.connect.conn_str_origin = "ROSTERFORM_PG_URL";
  auto refused = state::PostgresBackend::open(s);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find(
            "The server is not on this machine, so rosterform requires sslmode=verify-full") !=
        std::string::npos);
  // The user's own choice is kept: no hint, since no mode was imposed.
  s.connect.conn_str = "host=db.invalid sslmode=require connect_timeout=2";
  auto chosen = state::PostgresBackend::open(s);
  REQUIRE_FALSE(chosen);
  CHECK(chosen.error().message.find("requires sslmode=verify-full") == std::string::npos);
}
