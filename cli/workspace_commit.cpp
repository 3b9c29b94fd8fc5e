#include "cli/workspace_commit.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

namespace rosterform::cli {

namespace {

namespace fs = std::filesystem;

// A small file's first line, without trailing whitespace; nullopt if
// unreadable. Git's own files here are a line or two.
std::optional<std::string> first_line(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) {
    return std::nullopt;
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.pop_back();
  }
  return line;
}

bool is_object_id(const std::string& s) {
  return (s.size() == 40 || s.size() == 64) &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The git directory for the work tree at `top`, following a `.git` file.
std::optional<fs::path> git_dir_of(const fs::path& top) {
  std::error_code ec;
  fs::path dot = top / ".git";
  if (fs::is_directory(dot, ec)) {
    return dot;
  }
  if (!fs::is_regular_file(dot, ec)) {
    return std::nullopt;
  }
  std::optional<std::string> line = first_line(dot);
  if (!line || !line->starts_with("gitdir: ")) {
    return std::nullopt;
  }
  fs::path target = line->substr(8);
  return target.is_absolute() ? target : top / target;
}

std::optional<std::string> packed_ref(const fs::path& common, const std::string& ref) {
  std::ifstream in(common / "packed-refs");
  std::string line;
  while (std::getline(in, line)) {
    std::size_t space = line.find(' ');
    if (space != std::string::npos && line.compare(space + 1, std::string::npos, ref) == 0) {
      return line.substr(0, space);
    }
  }
  return std::nullopt;
}

std::string resolve_head(const fs::path& git_dir) {
  fs::path common = git_dir;
  if (std::optional<std::string> c = first_line(git_dir / "commondir")) {
    common = fs::path(*c).is_absolute() ? fs::path(*c) : git_dir / *c;
  }
  std::string head = first_line(git_dir / "HEAD").value_or("");
  // A symbolic ref may point at another (rare); follow a few.
  for (int depth = 0; depth < 5 && head.starts_with("ref: "); ++depth) {
    std::string ref = head.substr(5);
    if (ref.find("..") != std::string::npos) {
      return {};
    }
    std::optional<std::string> next = first_line(git_dir / ref);
    if (!next) {
      next = first_line(common / ref);
    }
    if (!next) {
      next = packed_ref(common, ref);
    }
    head = next.value_or("");
  }
  return is_object_id(head) ? head : std::string();
}

}  // namespace

std::optional<GitWorkTree> find_git_work_tree(const std::string& dir) {
  std::error_code ec;
  fs::path at = fs::absolute(dir.empty() ? fs::path(".") : fs::path(dir), ec);
  if (ec) {
    return std::nullopt;
  }
  for (fs::path p = at.lexically_normal(); !p.empty(); p = p.parent_path()) {
    if (std::optional<fs::path> git_dir = git_dir_of(p)) {
      return GitWorkTree{p, *git_dir};
    }
    if (p == p.root_path()) {
      break;
    }
  }
  return std::nullopt;
}

std::string workspace_commit(const std::string& dir) {
  std::optional<GitWorkTree> tree = find_git_work_tree(dir);
  return tree ? resolve_head(tree->git_dir) : std::string();
}

}  // namespace rosterform::cli
