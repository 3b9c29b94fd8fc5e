#pragma once
// Time zone names are checked against the system tz database, the same
// files the C library uses: a name is valid when `<dir>/<name>` is a TZif
// file. Rosters repeat a handful of zones thousands of times, so each name
// is looked up on disk once and the answer cached.

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rosterform::engine::roster {

class TimezoneDb {
 public:
  // `dir` empty: $TZDIR if set, else /usr/share/zoneinfo.
  explicit TimezoneDb(std::filesystem::path dir = {});

  // False when the database folder does not exist; checks are then skipped
  // (and the loader says so once).
  [[nodiscard]] bool available() const { return m_available; }
  [[nodiscard]] const std::filesystem::path& dir() const { return m_dir; }
  [[nodiscard]] bool contains(std::string_view name);

 private:
  [[nodiscard]] bool lookup(std::string_view name) const;

  std::filesystem::path m_dir;
  bool m_available = false;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, bool, Hash, std::equal_to<>> m_cache;
};

}  // namespace rosterform::engine::roster
