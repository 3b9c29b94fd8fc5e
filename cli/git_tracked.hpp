#pragma once
// Whether git tracks a file, read from the repository's index rather than
// by running git (as workspace_commit.hpp reads HEAD): no PATH lookup, and
// nothing of a repository's config (core.fsmonitor, hooks) is run. Index
// versions 2, 3 and 4, SHA-1 and SHA-256 repositories, and sparse-index
// directory entries are understood; anything unreadable answers false.

#include <string>

namespace rosterform::cli {

// True when `path` (a file, absolute or relative to the current folder) is
// in the index of the work tree that holds it, at any merge stage.
[[nodiscard]] bool git_tracks(const std::string& path);

}  // namespace rosterform::cli
