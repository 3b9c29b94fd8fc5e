#pragma once
// Healthie's extensions.warnings (e.g. API_VERSION_SUNSET_WARNING) ride on
// every response; the user should read each one once per run, not a
// thousand times. Progress lines (a read slowed by throttling) go to a
// sink of their own, every time.

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "providers/healthie/response.hpp"

namespace rosterform::healthie {

class Notices {
 public:
  using Sink = std::function<void(std::string_view)>;
  explicit Notices(Sink sink, Sink progress = nullptr);
  void report(const std::vector<ApiWarning>& warnings);
  // rosterform's own word that the version is deprecated (api_version.hpp),
  // shown once; Healthie's API_VERSION_SUNSET_WARNING with the same sunset
  // date then says nothing new and is not shown again.
  void deprecated(const std::string& text, std::string sunset_date);
  void progress(std::string_view text) const { m_progress(text); }
  [[nodiscard]] const std::vector<std::string>& shown() const { return m_shown; }

 private:
  Sink m_sink;
  Sink m_progress;
  std::set<std::string> m_seen;
  std::string m_announced_sunset;
  std::vector<std::string> m_shown;
};

[[nodiscard]] std::string describe(const ApiWarning& warning);

}  // namespace rosterform::healthie
