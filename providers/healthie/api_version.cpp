#include "providers/healthie/api_version.hpp"

#include <algorithm>
#include <array>

namespace rosterform::healthie {

namespace {

constexpr std::array<std::string_view, 13> k_releases = {
    "2024-06-01", "2024-07-01", "2024-10-01", "2024-10-20", "2024-11-01",
    "2025-01-01", "2025-04-01", "2025-05-15", "2025-07-31", "2025-10-15",
    "2025-11-30", "2026-01-01", "2026-07-01"};

constexpr std::string_view k_first_connection_release = "2026-01-01";

}  // namespace

engine::Result<ApiVersion> parse_api_version(std::string_view text) {
  if (std::find(k_releases.begin(), k_releases.end(), text) == k_releases.end()) {
    std::string known;
    for (std::string_view r : k_releases)
      known += (known.empty() ? "" : ", ") + std::string(r);
    return engine::fail("unknown Healthie API version '" + std::string(text) +
                        "' (known releases: " + known + ")");
  }
  // Release dates are ISO dates, so string order is date order.
  ApiShape shape = text >= k_first_connection_release ? ApiShape::connections : ApiShape::baseline;
  return ApiVersion{std::string(text), shape};
}

std::string_view to_string(ApiShape shape) {
  return shape == ApiShape::baseline ? "baseline (2024-06-01)" : "connections (2026-01-01)";
}

}  // namespace rosterform::healthie
