#include "cli/workspace_include.hpp"

#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace rosterform::cli {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::string trimmed(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t");
  std::size_t b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// The value after "include:" with a trailing comment removed.
std::string value_of(const std::string& line) {
  std::string v = line.substr(std::string("include:").size());
  if (std::size_t hash = v.find(" #"); hash != std::string::npos) {
    v = v.substr(0, hash);
  }
  return trimmed(v);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    out += l + "\n";
  }
  return out;
}

}  // namespace

std::string with_include(const std::string& workspace_yaml, const std::string& pattern) {
  std::vector<std::string> lines = split_lines(workspace_yaml);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("include:", 0) != 0) {
      continue;
    }
    std::string value = value_of(lines[i]);
    if (value.empty()) {  // a block list follows
      std::size_t last = i;
      for (std::size_t j = i + 1; j < lines.size(); ++j) {
        std::string t = trimmed(lines[j]);
        if (t.rfind("- ", 0) == 0 || t.empty() || t[0] == '#') {
          last = t.rfind("- ", 0) == 0 ? j : last;
          continue;
        }
        break;
      }
      std::string indent = last > i ? lines[last].substr(0, lines[last].find('-')) : "  ";
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(last + 1),
                   fmt::format("{}- {}", indent, pattern));
    } else if (value.front() == '[' && value.back() == ']') {
      std::string inner = trimmed(value.substr(1, value.size() - 2));
      lines[i] = fmt::format("include: [{}{}]", inner.empty() ? "" : inner + ", ", pattern);
    } else {
      lines[i] = fmt::format("include:\n  - {}\n  - {}", value, pattern);
    }
    return joined(lines);
  }
  std::string out = workspace_yaml;
  if (!out.empty() && out.back() != '\n') {
    out += '\n';
  }
  return out + fmt::format("include:\n  - {}\n", pattern);
}

}  // namespace rosterform::cli
