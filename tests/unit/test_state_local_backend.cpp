#include <doctest/doctest.h>
#include <sys/stat.h>
#include <utime.h>

#include <filesystem>
#include <fstream>

#include "state/local_backend.hpp"
#include "state/private_file.hpp"
#include "support/file_modes.hpp"
#include "support/temp_dir.hpp"

using namespace rosterform;

using testing::mode_of;
using testing::write_text;

TEST_CASE("the state folder is 0700 and the state file 0600") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file(".rosterform/state.json"));
  auto s = backend.load().value();
  REQUIRE(backend.save(s));
  CHECK(mode_of(dir.file(".rosterform")) == 0700U);
  CHECK(mode_of(backend.path()) == 0600U);
  REQUIRE(backend.append_journal({state::JournalEntry::Op::remove, "client.x", {}}));
  CHECK(mode_of(backend.journal_path()) == 0600U);
}

TEST_CASE("a torn last journal line (kill -9 mid-append) is dropped, not fatal") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  auto s = backend.load().value();
  REQUIRE(backend.save(s));
  REQUIRE(backend.append_journal({state::JournalEntry::Op::upsert, "staff.a@x.example",
                                  {engine::Kind::staff, "7", "70", {}}}));
  std::ofstream(backend.journal_path(), std::ios::app) << R"({"op":"upsert","addr)";
  auto loaded = backend.load();
  REQUIRE(loaded);
  CHECK(loaded->resources.at("staff.a@x.example").membership_id == "70");
}

TEST_CASE("a damaged journal line in the middle is an error naming the line") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  REQUIRE(backend.save(backend.load().value()));
  write_text(backend.journal_path(), "garbage\n{\"op\":\"remove\",\"address\":\"client.a\"}\n");
  auto loaded = backend.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().message ==
        "journal " + backend.journal_path() + ":1: not a journal entry");
}

TEST_CASE("a state file that is not JSON says how to recover") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  write_text(backend.path(), "{\"format_version\": 1,");
  auto loaded = backend.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().message == "state file " + backend.path() +
                                      ": not valid JSON; restore it from a backup or the journal");
}

TEST_CASE("a state file from a newer rosterform is refused") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  write_text(backend.path(), R"({"format_version": 9, "lineage": "x", "hmac_key": "y"})");
  auto loaded = backend.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().message ==
        "state file " + backend.path() +
            ": format_version 9 is not supported (this rosterform reads 1 and 2); use the rosterform "
            "version that wrote it");
}

TEST_CASE("a held lock names its holder and how to release it") {
  testing::TempDir dir;
  state::LocalBackend first(dir.file("state.json"));
  state::LocalBackend second(dir.file("state.json"));
  auto held = first.lock("apply", std::chrono::milliseconds(0)).value();
  auto refused = second.lock("apply", std::chrono::milliseconds(300));
  REQUIRE_FALSE(refused);
  const std::string& msg = refused.error().message;
  CHECK(msg.rfind("the state is locked by another run (" + first.lock_path() + "):\n", 0) == 0);
  CHECK(msg.find("  Operation: apply\n") != std::string::npos);
  CHECK(msg.find("run: rosterform force-unlock -state=" + first.path() + " " + held.id) !=
        std::string::npos);
  auto wrong = second.force_unlock("abc");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message.rfind("lock ID 'abc' does not match the lock held on ", 0) == 0);
  REQUIRE(first.unlock(held));
  auto none = second.force_unlock(held.id);
  REQUIRE_FALSE(none);
  CHECK(none.error().message ==
        "the state " + second.path() + " is not locked; nothing to unlock");
}

TEST_CASE(
    "an empty lock file (a kill while taking the lock) is reported as such, with the command") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  write_text(backend.lock_path(), "");
  utimbuf old{1764579600, 1764579600};  // 2025-12-01T09:00:00Z, long enough ago
  REQUIRE(::utime(backend.lock_path().c_str(), &old) == 0);
  const std::string expected =
      "the state is locked, but the lock file " + backend.lock_path() +
      " is empty (last written 2025-12-01T09:00:00Z): a run was killed while taking the lock, "
      "before it could record itself, so no holder or ID is known.\nIf no other run is using the "
      "state, clear it with: rosterform force-unlock -state=" +
      backend.path() + " empty";
  auto refused = backend.lock("apply", std::chrono::milliseconds(0));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == expected);
  auto wrong = backend.force_unlock("deadbeef");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message == expected);
  REQUIRE(backend.force_unlock("empty"));
  auto held = backend.lock("apply", std::chrono::milliseconds(0));
  REQUIRE(held);
  auto not_empty = backend.force_unlock("empty");
  REQUIRE_FALSE(not_empty);
  CHECK(not_empty.error().message.rfind("lock ID 'empty' does not match the lock held on ", 0) ==
        0);
}

TEST_CASE("a lock file still being written is waited for, not called empty") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  write_text(backend.lock_path(), "");  // written just now: a run is recording itself
  auto started = std::chrono::steady_clock::now();
  auto refused = backend.lock("apply", std::chrono::milliseconds(0));
  REQUIRE_FALSE(refused);
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(900));
  CHECK(refused.error().message.find(" is empty (last written ") != std::string::npos);
}

TEST_CASE("a missing state with an audit log of earlier runs is an error, not a new lineage") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file(".rosterform/state.json"),
                              dir.file(".rosterform/audit.jsonl"));
  std::filesystem::create_directories(dir.file(".rosterform"));
  write_text(dir.file(".rosterform/audit.jsonl"),
             R"({"time":"2026-11-30T08:00:00Z","actor":"ci:bot","operation":"apply"})"
             "\n");
  auto loaded = backend.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().message.rfind(
            "the state file " + backend.path() + " is missing, but the audit log ", 0) == 0);
  CHECK_FALSE(std::filesystem::exists(backend.path()));
  // The deliberate way on: a new state, after which load works again.
  auto made = backend.start_new_state();
  REQUIRE(made);
  CHECK(made->set_aside.empty());
  CHECK(backend.load().value().lineage == made->state.lineage);
  auto again = backend.start_new_state();
  REQUIRE_FALSE(again);
  CHECK(again.error().message ==
        "a state already exists at " + backend.path() +
            "; state init starts a state only where there is none (or it is empty). To start "
            "over, move " +
            backend.path() + " away first");
}

// Found writing fuzz_state_decoder (docs/fuzzing.md): a complete journal line of
// the wrong shape threw out of decode_journal and ended the run.
TEST_CASE("a journal line with a value of the wrong type is an error naming the line") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  REQUIRE(backend.save(state::new_state()));  // a journal without a state is a lost state
  write_text(backend.journal_path(), "{\"op\":\"remove\",\"address\":7}\n");
  auto loaded = backend.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().message ==
        "journal " + backend.journal_path() +
            ":1: unexpected value type ([json.exception.type_error.302] type must be string, but "
            "is number)");
  write_text(backend.journal_path(),
             "{\"op\":\"remove\",\"address\":\"client.a\"}\n{\"address\":\"client.b\",\"resource\":"
             "{\"kind\":\"client\",\"user_id\":\"1\",\"applied\":{\"email\":false}}}\n");
  loaded = backend.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().message ==
        "journal " + backend.journal_path() +
            ":2: unexpected value type ([json.exception.type_error.302] type must be string, but "
            "is boolean)");
}

// Found writing fuzz_state_decoder: a lock file with a member of another type
// threw while rosterform was explaining who holds the lock.
TEST_CASE("a lock file of another shape still names what it can") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  write_text(backend.lock_path(), R"({"id":"ab12","who":5,"pid":"123","operation":["apply"]})");
  auto holder = backend.lock_holder();
  REQUIRE(holder);
  REQUIRE(holder->has_value());
  CHECK((*holder)->id == "ab12");
  CHECK((*holder)->who.empty());
  CHECK((*holder)->pid == 0);
  CHECK((*holder)->operation.empty());
}

// Found by fuzz_state_decoder: the same undefined conversion for a state
// file's serial.
TEST_CASE("a state file whose serial is not a 64-bit integer is an error") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  write_text(backend.path(), R"({"format_version": 1, "lineage": "x", "serial": 1e30})");
  auto loaded = backend.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().message ==
        "state file " + backend.path() +
            ": unexpected value type ([json.exception.type_error.302] an integer is required, "
            "but this is a number with a fraction or beyond 64 bits)");
}
