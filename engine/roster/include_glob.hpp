#pragma once
// `include:` patterns: shell globs relative to the workspace folder, matched
// one path segment at a time with fnmatch(3). `**` as a whole segment
// matches any number of folders. Hidden files and folders match only a
// pattern segment that starts with '.'.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rosterform::engine::roster {

// Whether `pattern` stays inside the workspace: relative, without "..".
[[nodiscard]] bool is_contained_pattern(std::string_view pattern);

// Regular files under `root` matching `pattern`, as paths relative to
// `root` with '/' separators, sorted.
[[nodiscard]] std::vector<std::string> expand_glob(const std::filesystem::path& root,
                                                   std::string_view pattern);

}  // namespace rosterform::engine::roster
