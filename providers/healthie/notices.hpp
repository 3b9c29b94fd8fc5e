#pragma once
// Healthie's extensions.warnings (e.g. API_VERSION_SUNSET_WARNING) ride on
// every response; the user should read each one once per run, not a
// thousand times.

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "providers/healthie/response.hpp"

namespace rosterform::healthie {

class Notices {
 public:
  explicit Notices(std::function<void(std::string_view)> sink);
  void report(const std::vector<ApiWarning>& warnings);
  [[nodiscard]] const std::vector<std::string>& shown() const { return m_shown; }

 private:
  std::function<void(std::string_view)> m_sink;
  std::set<std::string> m_seen;
  std::vector<std::string> m_shown;
};

[[nodiscard]] std::string describe(const ApiWarning& warning);

}  // namespace rosterform::healthie
