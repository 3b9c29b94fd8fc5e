#include "engine/roster/include_glob.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace rosterform::engine::roster {

namespace fs = std::filesystem;

namespace {

// The pattern's segments; "." dropped and runs of "**" folded into one
// (they mean the same, and each extra one multiplies the ways to match).
std::vector<std::string> split(std::string_view pattern) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= pattern.size()) {
    std::size_t slash = pattern.find('/', start);
    if (slash == std::string_view::npos) {
      slash = pattern.size();
    }
    const std::string_view segment = pattern.substr(start, slash - start);
    if (!segment.empty() && segment != "." &&
        !(segment == "**" && !out.empty() && out.back() == "**")) {
      out.emplace_back(segment);
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

class Walker {
 public:
  Walker(fs::path root, std::vector<std::string> segments)
      : m_root(std::move(root)),
        m_segments(std::move(segments)),
        m_deadline(std::chrono::steady_clock::now() + k_max_glob_time) {}

  GlobResult run() {
    // Real folders first, then again following symlinks: a file reachable
    // both ways is shown by its real path, whatever the directory order.
    visit(m_root, "", 0);
    m_follow = true;
    m_seen.clear();
    visit(m_root, "", 0);
    std::sort(m_out.matches.begin(), m_out.matches.end(),
              [](const GlobMatch& a, const GlobMatch& b) { return a.rel < b.rel; });
    std::sort(m_out.outside.begin(), m_out.outside.end());
    m_out.outside.erase(std::unique(m_out.outside.begin(), m_out.outside.end()),
                        m_out.outside.end());
    return std::move(m_out);
  }

 private:
  // `real` is the resolved path of `rel` (which may pass through symlinks).
  void visit(const fs::path& real, const std::string& rel, std::size_t i) {
    if (!m_out.limit.empty()) {
      return;
    }
    std::error_code ec;
    if (i == m_segments.size()) {
      if (fs::is_regular_file(real, ec) && m_files.insert(real).second) {
        if (m_out.matches.size() >= k_max_glob_matches) {
          stop(fmt::format("it matches more than {} files", k_max_glob_matches));
          return;
        }
        m_out.matches.push_back({rel, real});
      }
      return;
    }
    if (!m_seen.emplace(real, i).second) {
      return;  // this folder was already walked from this pattern position
    }
    const bool globstar = m_segments[i] == "**";
    if (globstar) {
      visit(real, rel, i + 1);  // zero folders
    }
    if (!fs::is_directory(real, ec)) {
      return;
    }
    for (const fs::directory_entry& entry : sorted_entries(real)) {
      const std::string name = entry.path().filename().string();
      const bool wanted = globstar ? !name.starts_with('.') && entry.is_directory(ec)
                                   : segment_matches(m_segments[i], name);
      if (!wanted) {
        continue;
      }
      const std::string next = rel.empty() ? name : rel + "/" + name;
      fs::path target = real / name;
      if (entry.is_symlink(ec)) {
        if (!m_follow) {
          continue;
        }
        target = fs::canonical(entry.path(), ec);
        if (ec) {
          continue;  // a dangling link names no file
        }
        if (!is_within(m_root, target)) {
          m_out.outside.push_back(next);
          continue;
        }
      }
      visit(target, next, globstar ? i : i + 1);
      if (!m_out.limit.empty()) {
        return;
      }
    }
  }

  // The folder's entries by name (empty once a limit is hit).
  std::vector<fs::directory_entry> sorted_entries(const fs::path& dir) {
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!count_entry()) {
        return {};
      }
      entries.push_back(entry);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    return entries;
  }

  bool count_entry() {
    ++m_entries;
    if (m_entries > k_max_glob_entries) {
      stop(fmt::format("it looks at more than {} folder entries", k_max_glob_entries));
    } else if (m_entries % 512 == 0 && std::chrono::steady_clock::now() > m_deadline) {
      stop(fmt::format("expanding it takes more than {} seconds", k_max_glob_time.count()));
    }
    return m_out.limit.empty();
  }

  void stop(std::string why) {
    if (m_out.limit.empty()) {
      m_out.limit = std::move(why);
    }
  }

  fs::path m_root;
  std::vector<std::string> m_segments;
  std::chrono::steady_clock::time_point m_deadline;
  std::set<std::pair<fs::path, std::size_t>> m_seen;
  std::set<fs::path> m_files;
  std::size_t m_entries = 0;
  bool m_follow = false;  // the second pass: symlinks followed
  GlobResult m_out;
};

}  // namespace

bool is_contained_pattern(std::string_view pattern) {
  if (pattern.empty() || pattern.front() == '/') {
    return false;
  }
  const std::vector<std::string> segments = split(pattern);
  return !segments.empty() && std::none_of(segments.begin(), segments.end(),
                                           [](const std::string& s) { return s == ".."; });
}

bool is_within(const fs::path& root, const fs::path& path) {
  auto r = root.begin();
  auto p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty() && std::next(r) == root.end()) {
      return true;  // a trailing '/' in root
    }
    if (p == path.end() || *r != *p) {
      return false;
    }
  }
  return true;
}

GlobResult expand_glob(const fs::path& root, std::string_view pattern) {
  return Walker(root, split(pattern)).run();
}

}  // namespace rosterform::engine::roster
