#pragma once
// `include:` patterns: shell globs relative to the workspace folder, matched
// one path segment at a time with fnmatch(3). `**` as a whole segment
// matches any number of folders. Hidden files and folders match only a
// pattern segment that starts with '.'.
//
// A roster may come from anyone who can open a pull request, so expansion
// is bounded and confined:
// - It never leaves the workspace. Symlinks are followed only when their
//   target (fully resolved) lies inside the workspace folder; the others are
//   reported, never read.
// - Each folder is visited once per pattern position, by its resolved path:
//   two symlinks to `.` or a pattern of thirty `**` segments cost no more
//   than one walk of the tree (without this, both are exponential).
// - The walk stops with `limit` set after `k_max_entries` folder entries,
//   `k_max_matches` files or `k_max_seconds`, whichever comes first.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rosterform::engine::roster {

inline constexpr std::size_t k_max_glob_entries = 200'000;
inline constexpr std::size_t k_max_glob_matches = 10'000;
inline constexpr std::chrono::seconds k_max_glob_time{10};

struct GlobMatch {
  std::string rel;                  // as walked, '/'-separated: what messages show
  std::filesystem::path canonical;  // the file itself, symlinks resolved
};

struct GlobResult {
  std::vector<GlobMatch> matches;  // sorted by rel
  // Matching symlinks (as walked) whose targets lie outside the workspace.
  std::vector<std::string> outside;
  std::string limit;  // non-empty: the walk stopped early, and why
};

// Whether `pattern` stays inside the workspace: relative, without "..".
[[nodiscard]] bool is_contained_pattern(std::string_view pattern);

// Whether `path` (absolute, resolved) is `root` (absolute, resolved) or
// inside it.
[[nodiscard]] bool is_within(const std::filesystem::path& root, const std::filesystem::path& path);

// Regular files under `root` (resolved with std::filesystem::canonical)
// matching `pattern`.
[[nodiscard]] GlobResult expand_glob(const std::filesystem::path& root, std::string_view pattern);

}  // namespace rosterform::engine::roster
