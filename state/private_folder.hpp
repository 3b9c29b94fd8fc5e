#pragma once
// The state's folder holds data about patients, so it is kept private
// whenever rosterform writes there, not only when it creates it: a
// `.rosterform/` made 0777 by hand, by a checkout or by an old umask is
// tightened to 0700, and the files in it to 0600. Another folder the state
// was pointed at (state.path: var/roster.json) is the user's: it is made
// 0700 only when rosterform creates it, and only rosterform's own files in
// it are tightened.

#include <string>

#include "engine/result.hpp"

namespace rosterform::state {

// The folder rosterform owns by default, tightened even when it exists.
inline constexpr const char* k_own_folder_name = ".rosterform";

// Creates `dir` (and its parents) 0700, or tightens it as described above.
// An empty `dir` is the current folder, which is left alone.
engine::Status make_private_folder(const std::string& dir);

// Makes `path` 0600 when it is a regular file with any group or other bit
// set; a missing file or a symlink is left alone.
engine::Status tighten_private_file(const std::string& path);

}  // namespace rosterform::state
