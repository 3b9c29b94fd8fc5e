#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "state/local_backend.hpp"
#include "state/private_folder.hpp"
#include "support/file_modes.hpp"
#include "support/temp_dir.hpp"

using namespace rosterform;
namespace fs = std::filesystem;

using testing::mode_of;
using testing::write_text;

namespace {
const state::JournalEntry k_upsert{
    state::JournalEntry::Op::upsert, "staff.a@x.example", {engine::Kind::staff, "7", "70", {}}};
}  // namespace

TEST_CASE("private folder: a loose .rosterform and its files are tightened on the next write") {
  testing::TempDir dir;
  fs::create_directories(dir.file(".rosterform"));
  write_text(dir.file(".rosterform/audit.jsonl"), "{}\n");
  write_text(dir.file(".rosterform/state.json.journal"), "");
  ::chmod(dir.file(".rosterform").c_str(), 0777);
  ::chmod(dir.file(".rosterform/audit.jsonl").c_str(), 0644);
  ::chmod(dir.file(".rosterform/state.json.journal").c_str(), 0666);
  state::LocalBackend backend(dir.file(".rosterform/state.json"));
  REQUIRE(backend.save(backend.load().value()));
  CHECK(mode_of(dir.file(".rosterform")) == 0700U);
  CHECK(mode_of(dir.file(".rosterform/audit.jsonl")) == 0600U);
  CHECK(mode_of(backend.path()) == 0600U);
}

TEST_CASE("private folder: a folder of the user's is left alone, rosterform's files are not") {
  testing::TempDir dir;
  fs::create_directories(dir.file("var"));
  ::chmod(dir.file("var").c_str(), 0755);
  write_text(dir.file("var/notes.txt"), "mine");
  ::chmod(dir.file("var/notes.txt").c_str(), 0644);
  state::LocalBackend backend(dir.file("var/state.json"));
  REQUIRE(backend.append_journal(k_upsert));
  ::chmod(backend.journal_path().c_str(), 0644);
  REQUIRE(backend.append_journal(k_upsert));
  CHECK(mode_of(dir.file("var")) == 0755U);
  CHECK(mode_of(dir.file("var/notes.txt")) == 0644U);
  CHECK(mode_of(backend.journal_path()) == 0600U);
  CHECK(state::make_private_folder(dir.file("new/deeper")));
  CHECK(mode_of(dir.file("new/deeper")) == 0700U);
}

TEST_CASE("leftovers: the lock holder removes temporary files of interrupted saves") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file(".rosterform/state.json"));
  REQUIRE(backend.save(backend.load().value()));
  write_text(backend.path() + ".tmp-123-deadbeef", "{\"half\":");
  write_text(dir.file(".rosterform/plan.tmp-1-2"), "not ours");
  auto lock = backend.lock("apply", std::chrono::milliseconds(0));
  REQUIRE(lock);
  CHECK_FALSE(fs::exists(backend.path() + ".tmp-123-deadbeef"));
  CHECK(fs::exists(dir.file(".rosterform/plan.tmp-1-2")));
  CHECK(backend.unlock(*lock));
}

TEST_CASE("leftovers: the lock holder folds a leftover journal into the state, same serial") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file(".rosterform/state.json"));
  auto s = backend.load().value();
  s.serial = 4;
  REQUIRE(backend.save(s));
  REQUIRE(backend.append_journal(k_upsert));
  auto lock = backend.lock("apply", std::chrono::milliseconds(0));
  REQUIRE(lock);
  CHECK_FALSE(fs::exists(backend.journal_path()));
  auto loaded = backend.load().value();
  CHECK(loaded.serial == 4);
  CHECK(loaded.lineage == s.lineage);
  CHECK(loaded.resources.at("staff.a@x.example").membership_id == "70");
  CHECK(backend.unlock(*lock));
}

TEST_CASE("leftovers: a damaged journal is left for load to report") {
  testing::TempDir dir;
  state::LocalBackend backend(dir.file("state.json"));
  REQUIRE(backend.save(backend.load().value()));
  write_text(backend.journal_path(), "garbage\n{\"op\":\"remove\",\"address\":\"client.a\"}\n");
  auto lock = backend.lock("apply", std::chrono::milliseconds(0));
  REQUIRE(lock);
  CHECK(fs::exists(backend.journal_path()));
  CHECK_FALSE(backend.load());
  CHECK(backend.unlock(*lock));
}
