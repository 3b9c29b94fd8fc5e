// Whether git tracks the state file, read from the index; and the notice
// a state that keeps its own key gets.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/git_tracked.hpp"
#include "cli/state_privacy_notice.hpp"
#include "support/temp_dir.hpp"

using namespace rosterform;

namespace {

bool have_git() { return std::system("git --version >/dev/null 2>&1") == 0; }

int git(const std::filesystem::path& dir, const std::string& args) {
  std::string command = "git -C '" + dir.string() + "' -c user.email=t@t -c user.name=t " + args +
                        " >/dev/null 2>&1";
  return std::system(command.c_str());
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("git_tracks reads index versions 2, 3 and 4") {
  if (!have_git()) {
    return;
  }
  testing::TempDir dir;
  REQUIRE(git(dir.path(), "init -q") == 0);
  write(dir.path() / "rosterform.yaml", "x");
  write(dir.path() / ".rosterform/state.json", "{}");
  write(dir.path() / "other/.rosterform/state.json", "{}");
  std::string state = (dir.path() / ".rosterform/state.json").string();
  REQUIRE(git(dir.path(), "add rosterform.yaml other") == 0);
  CHECK_FALSE(cli::git_tracks(state));
  CHECK(cli::git_tracks((dir.path() / "other/.rosterform/state.json").string()));
  REQUIRE(git(dir.path(), "add -f .rosterform/state.json") == 0);
  for (const char* version : {"2", "3", "4"}) {
    CAPTURE(version);
    REQUIRE(git(dir.path(), std::string("update-index --index-version ") + version) == 0);
    CHECK(cli::git_tracks(state));
    CHECK(cli::git_tracks((dir.path() / "rosterform.yaml").string()));
    CHECK_FALSE(cli::git_tracks((dir.path() / ".rosterform/audit.jsonl").string()));
  }
  REQUIRE(git(dir.path(), "rm -q --cached .rosterform/state.json") == 0);
  CHECK_FALSE(cli::git_tracks(state));
}

TEST_CASE("git_tracks outside a repository, or with no index, is false") {
  testing::TempDir dir;
  write(dir.path() / "s/state.json", "{}");
  CHECK_FALSE(cli::git_tracks((dir.path() / "s/state.json").string()));
  write(dir.path() / ".git/HEAD", "ref: refs/heads/main\n");
  CHECK_FALSE(cli::git_tracks((dir.path() / "s/state.json").string()));
  write(dir.path() / ".git/index", "DIRC\0\0\0\2\xff\xff\xff\xff");
  CHECK_FALSE(cli::git_tracks((dir.path() / "s/state.json").string()));
}

TEST_CASE("the state privacy notice: once at creation, and while git tracks the file") {
  const std::string path = ".rosterform/state.json";
  const std::string created =
      "rosterform: note: this run creates the state file .rosterform/state.json, which keeps its "
      "HMAC key beside the hashes of the values it manages: do not commit it (ignore its folder "
      "in git). To keep the key out of the file, make one with rosterform state keygen and set "
      "ROSTERFORM_STATE_KEY to it. (Said once.)\n";
  const std::string tracked =
      "rosterform: warning: git tracks the state file .rosterform/state.json, which keeps its "
      "HMAC key beside the hashes: anyone with the repository can test guesses of the values it "
      "hashes (dates of birth, phones). Take it out of git (git rm --cached "
      ".rosterform/state.json) and ignore it, or move the key out of the state: make one with "
      "rosterform state keygen, set ROSTERFORM_STATE_KEY to it, and run rosterform state "
      "migrate\n";
  CHECK(cli::state_privacy_notice({path, false, true, nullptr}, false) == created);
  CHECK(cli::state_privacy_notice({path, false, false, nullptr}, false).empty());  // plan
  CHECK(cli::state_privacy_notice({path, true, true, nullptr}, false).empty());    // said before
  CHECK(cli::state_privacy_notice({path, true, false, nullptr}, true) == tracked);
  state::StateKey key{std::string(32, 'k'), "ROSTERFORM_STATE_KEY"};
  CHECK(cli::state_privacy_notice({path, false, true, &key}, false).empty());
  CHECK(cli::state_privacy_notice({path, true, true, &key}, true).empty());
}
