// The workspace's git commit for the audit log, read from git's files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "cli/workspace_commit.hpp"
#include "tests/unit/support/temp_dir.hpp"

using rosterform::cli::workspace_commit;

namespace {

const std::string k_commit = "0123456789abcdef0123456789abcdef01234567";

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("workspace commit: a loose branch ref, found from a subfolder") {
  rosterform::testing::TempDir dir;
  write(dir.path() / ".git/HEAD", "ref: refs/heads/main\n");
  write(dir.path() / ".git/refs/heads/main", k_commit + "\n");
  std::filesystem::create_directories(dir.path() / "clinic");
  CHECK(workspace_commit((dir.path() / "clinic").string()) == k_commit);
}

TEST_CASE("workspace commit: a packed ref and a detached HEAD") {
  rosterform::testing::TempDir dir;
  write(dir.path() / ".git/HEAD", "ref: refs/heads/main\n");
  write(dir.path() / ".git/packed-refs", "# pack-refs with: peeled\n" + k_commit +
                                             " refs/heads/main\n");
  CHECK(workspace_commit(dir.path().string()) == k_commit);
  write(dir.path() / ".git/HEAD", k_commit + "\n");
  CHECK(workspace_commit(dir.path().string()) == k_commit);
}

TEST_CASE("workspace commit: a worktree's .git file with a commondir") {
  rosterform::testing::TempDir dir;
  write(dir.path() / "repo/.git/refs/heads/feature", k_commit + "\n");
  write(dir.path() / "repo/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n");
  write(dir.path() / "repo/.git/worktrees/wt/commondir", "../..\n");
  write(dir.path() / "wt/.git", "gitdir: " + (dir.path() / "repo/.git/worktrees/wt").string() + "\n");
  CHECK(workspace_commit((dir.path() / "wt").string()) == k_commit);
}

TEST_CASE("workspace commit: none outside a repository or before the first commit") {
  rosterform::testing::TempDir dir;
  // The temporary folder may itself sit inside a repository; give it its own.
  write(dir.path() / ".git/HEAD", "ref: refs/heads/main\n");
  CHECK(workspace_commit(dir.path().string()).empty());
}
