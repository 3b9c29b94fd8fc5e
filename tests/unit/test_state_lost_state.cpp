#include "state/lost_state.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace rosterform;

namespace {

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct Workspace {
  testing::TempDir dir;
  state::StateFiles files{dir.file("state.json"), dir.file("state.json.journal"),
                          dir.file("audit.jsonl")};

  [[nodiscard]] std::string advice() const {
    return ".\nWithout it rosterform would start a new lineage: it would adopt every user the "
           "roster matches and no longer know which users it managed, so a user taken out of "
           "the roster since the last apply would be left active in Healthie instead of "
           "deactivated.\nRestore " +
           files.state +
           " from a backup and run again; or, to start a new state deliberately, run: rosterform "
           "state init -state=" +
           files.state;
  }
};

constexpr const char* k_two_runs =
    R"({"time":"2026-11-29T08:00:00Z","actor":"alice@ws","operation":"import"})"
    "\n"
    R"({"time":"2026-11-30T08:00:00Z","actor":"ci:bot@runner","operation":"apply"})"
    "\n";

}  // namespace

TEST_CASE("lost state: a first run, with nothing beside the state, is not lost") {
  Workspace w;
  CHECK(state::check_state_not_lost(w.files));
  write_text(w.files.audit_log, "\n");
  CHECK(state::check_state_not_lost(w.files));
}

TEST_CASE("lost state: a missing state with earlier runs in the audit log") {
  Workspace w;
  write_text(w.files.audit_log, k_two_runs);
  auto r = state::check_state_not_lost(w.files);
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "the state file " + w.files.state + " is missing, but the audit log " +
                                 w.files.audit_log +
                                 " records 2 earlier runs (the last: apply at "
                                 "2026-11-30T08:00:00Z by ci:bot@runner): the state was lost" +
                                 w.advice());
}

TEST_CASE("lost state: a journal without its state, and an empty state file") {
  Workspace w;
  write_text(w.files.journal, "{\"op\":\"remove\",\"address\":\"client.a\"}\n");
  auto r = state::check_state_not_lost(w.files);
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "the state file " + w.files.state + " is missing, but its journal " + w.files.journal +
            " holds 1 change of an earlier apply: the state was lost" + w.advice());
  write_text(w.files.state, "");
  write_text(w.files.audit_log, k_two_runs);
  r = state::check_state_not_lost(w.files);
  REQUIRE_FALSE(r);
  CHECK(r.error().message.rfind("the state file " + w.files.state + " is empty, but its journal " +
                                    w.files.journal +
                                    " holds 1 change of an earlier apply, and the audit log ",
                                0) == 0);
}

TEST_CASE("lost state: an empty state file is damage even without other evidence") {
  Workspace w;
  write_text(w.files.state, "\n");
  auto r = state::check_state_not_lost(w.files);
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "the state file " + w.files.state +
                                 " is empty, but rosterform never writes an empty state file (it "
                                 "replaces it atomically), so it was damaged outside rosterform" +
                                 w.advice());
  write_text(w.files.state, "{}");
  CHECK(state::check_state_not_lost(w.files));  // content: decoding it is load's business
}

TEST_CASE("lost state: set aside removes an empty state and moves the old journal away") {
  Workspace w;
  write_text(w.files.state, "");
  write_text(w.files.journal, "{\"op\":\"remove\",\"address\":\"client.a\"}\n");
  auto aside = state::set_aside_lost_state(w.files);
  REQUIRE(aside);
  CHECK(aside->rfind(w.files.journal + ".lost-", 0) == 0);
  CHECK(std::filesystem::exists(*aside));
  CHECK_FALSE(std::filesystem::exists(w.files.journal));
  CHECK_FALSE(std::filesystem::exists(w.files.state));
  write_text(w.files.state, "{\"format_version\":1}");
  CHECK_FALSE(state::set_aside_lost_state(w.files));
}
