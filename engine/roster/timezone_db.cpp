#include "engine/roster/timezone_db.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <fstream>

namespace rosterform::engine::roster {

namespace {
std::filesystem::path default_dir() {
  const char* env = std::getenv("TZDIR");
  if (env != nullptr && *env != '\0') {
    return env;
  }
  return "/usr/share/zoneinfo";
}

// Only names made of the characters IANA uses, with no way out of the
// folder ("..", a leading '/').
bool plausible(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' || c == '-' ||
           c == '+';
  });
}
}  // namespace

TimezoneDb::TimezoneDb(std::filesystem::path dir) : m_dir(dir.empty() ? default_dir() : dir) {
  std::error_code ec;
  m_available = std::filesystem::is_directory(m_dir, ec);
}

bool TimezoneDb::contains(std::string_view name) {
  auto it = m_cache.find(name);
  if (it != m_cache.end()) {
    return it->second;
  }
  const bool found = lookup(name);
  m_cache.emplace(std::string(name), found);
  return found;
}

bool TimezoneDb::lookup(std::string_view name) const {
  if (!plausible(name)) {
    return false;
  }
  std::ifstream in(m_dir / std::string(name), std::ios::binary);
  std::array<char, 4> magic{};
  if (!in.read(magic.data(), magic.size())) {
    return false;
  }
  return std::string_view(magic.data(), magic.size()) == "TZif";
}

}  // namespace rosterform::engine::roster
