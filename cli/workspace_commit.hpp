#pragma once
// The git commit a workspace is at, for the audit log: which reviewed
// revision of the roster an apply carried out.
//
// Read from the repository's files rather than by running git: no PATH
// lookup, no hooks or config of the repository run, nothing printed. Handles
// a plain `.git` folder, a `.git` file (worktrees, submodules: "gitdir: …"
// with an optional `commondir`), a detached HEAD, loose and packed refs.

#include <filesystem>
#include <optional>
#include <string>

namespace rosterform::cli {

// The work tree holding `dir` (searched upwards) and its git directory,
// following a `.git` file; nullopt outside a repository.
struct GitWorkTree {
  std::filesystem::path top;
  std::filesystem::path git_dir;
};
[[nodiscard]] std::optional<GitWorkTree> find_git_work_tree(const std::string& dir);

// The 40- (or 64-) hex commit of the repository holding `dir` (searched
// upwards), or "" when `dir` is not inside one or HEAD names no commit yet.
[[nodiscard]] std::string workspace_commit(const std::string& dir);

}  // namespace rosterform::cli
