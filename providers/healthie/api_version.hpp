#pragma once
// The Healthie-GraphQL-API-Version we send, and the response shape it selects.
//
// Healthie has a dozen release dates, but on the roster path only two shapes
// differ: the 2024-06-01 baseline (lists with offset/page_size, *Count
// queries) and the connection shape documented for 2026-01-01 (first/after,
// total_count). A release before 2026-01-01 gets the baseline documents.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/result.hpp"

namespace rosterform::healthie {

enum class ApiShape : std::uint8_t { baseline, connections };

struct ApiVersion {
  std::string header;  // sent verbatim, e.g. "2026-01-01"
  ApiShape shape = ApiShape::connections;
};

inline constexpr std::string_view k_default_api_version = "2026-01-01";

// Accepts a release date Healthie has published (see api-facts §1); anything
// else is an error naming the known releases.
[[nodiscard]] engine::Result<ApiVersion> parse_api_version(std::string_view text);

[[nodiscard]] std::string_view to_string(ApiShape shape);

}  // namespace rosterform::healthie
