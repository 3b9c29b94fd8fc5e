#include "engine/roster/include_glob.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace rosterform::engine::roster {

namespace {

std::vector<std::string> split(std::string_view pattern) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= pattern.size()) {
    std::size_t slash = pattern.find('/', start);
    if (slash == std::string_view::npos) {
      slash = pattern.size();
    }
    if (slash > start && pattern.substr(start, slash - start) != ".") {
      out.emplace_back(pattern.substr(start, slash - start));
    }
    start = slash + 1;
  }
  return out;
}

bool segment_matches(const std::string& segment, const std::string& name) {
  if (name.starts_with('.') && !segment.starts_with('.')) {
    return false;
  }
  return fnmatch(segment.c_str(), name.c_str(), 0) == 0;
}

void walk(const std::filesystem::path& root, const std::string& rel,
          const std::vector<std::string>& segments, std::size_t i, std::vector<std::string>& out) {
  const std::filesystem::path here = rel.empty() ? root : root / rel;
  std::error_code ec;
  if (i == segments.size()) {
    if (std::filesystem::is_regular_file(here, ec)) {
      out.push_back(rel);
    }
    return;
  }
  if (segments[i] == "**") {
    walk(root, rel, segments, i + 1, out);  // zero folders
  }
  if (!std::filesystem::is_directory(here, ec)) {
    return;
  }
  for (const auto& entry : std::filesystem::directory_iterator(here, ec)) {
    const std::string name = entry.path().filename().string();
    const std::string next = rel.empty() ? name : rel + "/" + name;
    if (segments[i] == "**") {
      if (!name.starts_with('.') && entry.is_directory(ec)) {
        walk(root, next, segments, i, out);  // one more folder
      }
    } else if (segment_matches(segments[i], name)) {
      walk(root, next, segments, i + 1, out);
    }
  }
}

}  // namespace

bool is_contained_pattern(std::string_view pattern) {
  if (pattern.empty() || pattern.front() == '/') {
    return false;
  }
  const std::vector<std::string> segments = split(pattern);
  return !segments.empty() && std::none_of(segments.begin(), segments.end(),
                                           [](const std::string& s) { return s == ".."; });
}

std::vector<std::string> expand_glob(const std::filesystem::path& root, std::string_view pattern) {
  std::vector<std::string> out;
  walk(root, "", split(pattern), 0, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rosterform::engine::roster
