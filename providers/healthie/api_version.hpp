#pragma once
// The Healthie-GraphQL-API-Version we send, as data: one row per version
// rosterform supports, naming the response shape it selects and how that was
// verified (docs/provider.md, "API versions").
//
// Healthie publishes a dozen release dates, but a release is only supported
// here once every document rosterform sends has been checked against that
// release's schema. A version with a known shape is one row in the table in
// api_version.cpp; a new shape is a new ApiShape value, and every switch
// over ApiShape (the compiler lists them with -Wswitch) says what to do.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/result.hpp"

namespace rosterform::healthie {

// The roster documents, pagination and scalar types one group of releases
// shares.
enum class ApiShape : std::uint8_t {
  baseline,     // 2024-06-01: plain lists, offset/page_size, *Count queries, String datetimes
  connections,  // 2026-01-01: connections with first/after and total_count, ISO 8601 scalars
};

enum class Verification : std::uint8_t {
  schema,   // every document validated against the version's published SDL (tests/contract)
  assumed,  // no SDL published; assumed unchanged on the roster subset, proven by `doctor`
};

struct VersionRow {
  std::string_view date;  // the header value, e.g. "2026-07-01"
  ApiShape shape;
  Verification verification;
  std::string_view evidence;  // how it was verified, for docs and `doctor`
  // When Healthie stops accepting it; nullopt for a version not deprecated.
  std::optional<std::chrono::year_month_day> sunset;
};

struct ApiVersion {
  std::string header;  // sent verbatim, e.g. "2026-07-01"
  ApiShape shape = ApiShape::connections;
};

inline constexpr std::string_view k_default_api_version = "2026-07-01";

// Every supported version, oldest first.
[[nodiscard]] std::span<const VersionRow> supported_versions();
// Their dates, as plain data for the roster loader (which refuses others).
[[nodiscard]] std::span<const std::string_view> supported_version_dates();
[[nodiscard]] const VersionRow* find_version(std::string_view date);

// A supported version, or an error naming the supported ones and why the
// others are refused. An empty text is the default version.
[[nodiscard]] engine::Result<ApiVersion> parse_api_version(std::string_view text);

// The once-per-run warning for a deprecated version: its sunset date and
// the days left on `today` (passed in so tests can pin the clock); nullopt
// when the version is not deprecated.
[[nodiscard]] std::optional<std::string> deprecation_warning(std::string_view date,
                                                             std::chrono::sys_days today);
[[nodiscard]] std::chrono::sys_days utc_today();
// The sunset of a supported version as YYYY-MM-DD; empty when it has none.
[[nodiscard]] std::string sunset_text(std::string_view date);

[[nodiscard]] std::string_view to_string(ApiShape shape);
[[nodiscard]] std::string_view to_string(Verification verification);

}  // namespace rosterform::healthie
