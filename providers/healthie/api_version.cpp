#include "providers/healthie/api_version.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace rosterform::healthie {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// Healthie's versioning page (api-facts §1): from 2026-07-01 every earlier
// version is deprecated, and from 2027-01-31 it is rejected.
constexpr year_month_day k_sunset_2027{year(2027), month(1), day(31)};

constexpr std::array<VersionRow, 3> k_versions = {{
    {"2024-06-01", ApiShape::baseline, Verification::schema,
     "documents validated against the baseline SDL introspected from Healthie's staging API "
     "(awell-health/healthie-sdk, Jan 2025)",
     k_sunset_2027},
    {"2026-01-01", ApiShape::connections, Verification::schema,
     "documents validated against the 2026-01-01 SDL rebuilt from Healthie's API reference",
     k_sunset_2027},
    {"2026-07-01", ApiShape::connections, Verification::assumed,
     "assumed: no published breaking change to the roster subset (the 2026-01-01 documents); "
     "verified at run time by `rosterform doctor`",
     std::nullopt},
}};

constexpr std::array<std::string_view, k_versions.size()> k_dates = [] {
  std::array<std::string_view, k_versions.size()> out{};
  for (std::size_t i = 0; i < k_versions.size(); ++i)
    out[i] = k_versions[i].date;
  return out;
}();

std::string joined_dates() {
  std::string out;
  for (std::string_view d : k_dates)
    out += (out.empty() ? "" : ", ") + std::string(d);
  return out;
}

std::string iso(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

}  // namespace

std::span<const VersionRow> supported_versions() { return k_versions; }
std::span<const std::string_view> supported_version_dates() { return k_dates; }

const VersionRow* find_version(std::string_view date) {
  auto it = std::find_if(k_versions.begin(), k_versions.end(),
                         [date](const VersionRow& r) { return r.date == date; });
  return it == k_versions.end() ? nullptr : &*it;
}

engine::Result<ApiVersion> parse_api_version(std::string_view text) {
  if (text.empty())
    text = k_default_api_version;
  const VersionRow* row = find_version(text);
  if (row == nullptr) {
    return engine::fail("Healthie API version '" + std::string(text) +
                        "' is not supported: rosterform supports " + joined_dates() +
                        ", the versions whose documents were verified against Healthie's schema "
                        "(other releases changed the types and lists rosterform reads)");
  }
  return ApiVersion{std::string(row->date), row->shape};
}

std::optional<std::string> deprecation_warning(std::string_view date,
                                               std::chrono::sys_days today) {
  const VersionRow* row = find_version(date);
  if (row == nullptr || !row->sunset)
    return std::nullopt;
  auto left = (std::chrono::sys_days(*row->sunset) - today).count();
  std::string when = left > 1    ? "stops working on " + iso(*row->sunset) + " (" +
                                    std::to_string(left) + " days left)"
                     : left == 1 ? "stops working on " + iso(*row->sunset) + " (1 day left)"
                                 : "is rejected since " + iso(*row->sunset);
  return "Healthie API version " + std::string(row->date) + " is deprecated and " + when +
         ": set healthie.api_version to " + std::string(k_default_api_version) +
         " in rosterform.yaml once `rosterform doctor` passes with it";
}

std::string sunset_text(std::string_view date) {
  const VersionRow* row = find_version(date);
  return row != nullptr && row->sunset ? iso(*row->sunset) : std::string();
}

std::chrono::sys_days utc_today() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

std::string_view to_string(ApiShape shape) {
  switch (shape) {
    case ApiShape::baseline:
      return "baseline (2024-06-01)";
    case ApiShape::connections:
      return "connections (2026-01-01)";
  }
  return "?";
}

std::string_view to_string(Verification verification) {
  switch (verification) {
    case Verification::schema:
      return "rosterform's documents verified against its published schema";
    case Verification::assumed:
      return "assumed: no published schema; the document checks verify it";
  }
  return "?";
}

}  // namespace rosterform::healthie
