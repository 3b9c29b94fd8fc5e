// The version table (providers/healthie/api_version.hpp): what is accepted,
// what is refused and how, the once-per-run deprecation warning with an
// injected "today", and the loader's located refusal of an unsupported
// `healthie.api_version` from the list the provider passes in.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "engine/roster/loader.hpp"
#include "providers/healthie/api_version.hpp"
#include "providers/healthie/notices.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;
namespace fs = std::filesystem;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

sys_days day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / static_cast<int>(m) / static_cast<int>(d)};
}

std::string load_errors(const std::string& yaml, bool with_versions) {
  fs::path dir = fs::temp_directory_path() / ("rosterform-api-version-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "rosterform.yaml") << yaml;
  engine::roster::LoadOptions options;
  options.display_dir = fs::path();
  if (with_versions)
    options.api_versions = healthie::supported_version_dates();
  auto r = engine::roster::load_workspace(dir, healthie::staff_schema(), healthie::client_schema(),
                                          options);
  fs::remove_all(dir);
  std::string out;
  for (const auto& d : r.diagnostics.items())
    out += engine::format_diagnostic(d) + "\n";
  return out;
}

}  // namespace

TEST_CASE("api versions: one row per supported version, 2026-07-01 the default") {
  auto rows = healthie::supported_versions();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].date == "2024-06-01");
  CHECK(rows[0].shape == healthie::ApiShape::baseline);
  CHECK(rows[0].verification == healthie::Verification::schema);
  CHECK(rows[1].date == "2026-01-01");
  CHECK(rows[1].shape == healthie::ApiShape::connections);
  CHECK(rows[1].verification == healthie::Verification::schema);
  CHECK(rows[2].date == "2026-07-01");
  CHECK(rows[2].shape == healthie::ApiShape::connections);
  CHECK(rows[2].verification == healthie::Verification::assumed);
  CHECK(rows[2].evidence ==
        "assumed: no published breaking change to the roster subset (the 2026-01-01 documents); "
        "verified at run time by `rosterform doctor`");
  CHECK_FALSE(rows[2].sunset);
  CHECK(healthie::k_default_api_version == "2026-07-01");
  CHECK(healthie::parse_api_version("")->header == "2026-07-01");
  CHECK(healthie::parse_api_version("2024-06-01")->shape == healthie::ApiShape::baseline);
  CHECK(healthie::sunset_text("2026-01-01") == "2027-01-31");
  CHECK(healthie::sunset_text("2026-07-01").empty());
}

TEST_CASE("api versions: a release nobody verified is refused with the supported list") {
  for (const char* date : {"2025-01-01", "2024-07-01", "2027-01-01", "2023-01-01"}) {
    CHECK(healthie::parse_api_version(date).error().message ==
          "Healthie API version '" + std::string(date) +
              "' is not supported: rosterform supports 2024-06-01, 2026-01-01, 2026-07-01, the "
              "versions whose documents were verified against Healthie's schema (other releases "
              "changed the types and lists rosterform reads)");
  }
}

TEST_CASE("api versions: the deprecation warning gives the sunset and the days left") {
  CHECK(healthie::deprecation_warning("2026-01-01", day(2026, 12, 1)) ==
        "Healthie API version 2026-01-01 is deprecated and stops working on 2027-01-31 (61 days "
        "left): set healthie.api_version to 2026-07-01 in rosterform.yaml once `rosterform "
        "doctor` passes with it");
  CHECK(healthie::deprecation_warning("2024-06-01", day(2027, 1, 30)) ==
        "Healthie API version 2024-06-01 is deprecated and stops working on 2027-01-31 (1 day "
        "left): set healthie.api_version to 2026-07-01 in rosterform.yaml once `rosterform "
        "doctor` passes with it");
  CHECK(healthie::deprecation_warning("2026-01-01", day(2027, 2, 1)) ==
        "Healthie API version 2026-01-01 is deprecated and is rejected since 2027-01-31: set "
        "healthie.api_version to 2026-07-01 in rosterform.yaml once `rosterform doctor` passes "
        "with it");
  CHECK_FALSE(healthie::deprecation_warning("2026-07-01", day(2026, 12, 1)));
}

TEST_CASE("api versions: one warning per run; Healthie's same sunset is not repeated") {
  std::vector<std::string> shown;
  healthie::Notices notices([&](std::string_view t) { shown.emplace_back(t); });
  notices.deprecated("ours", "2027-01-31");
  notices.deprecated("ours", "2027-01-31");
  notices.report({{"API_VERSION_SUNSET_WARNING", "deprecated", "2027-01-31"}});
  REQUIRE(shown.size() == 1);
  CHECK(shown[0] == "ours");
  // A sunset Healthie moved is news: shown.
  notices.report({{"API_VERSION_SUNSET_WARNING", "moved", "2026-12-31"}});
  REQUIRE(shown.size() == 2);
  CHECK(shown[1] == "Healthie: API_VERSION_SUNSET_WARNING: moved (sunset 2026-12-31)");
}

TEST_CASE("api versions: the loader refuses an unsupported version at its line") {
  const std::string yaml = "version: 1\nhealthie:\n  api_version: \"2025-04-01\"\n";
  CHECK(load_errors(yaml, true) ==
        "rosterform.yaml:3:16: error: 'api_version' in healthie is '2025-04-01', which rosterform "
        "does not support: use one of 2024-06-01, 2026-01-01, 2026-07-01 (the versions whose "
        "documents are verified against Healthie's schema), or remove the line to use "
        "rosterform's default\n");
  CHECK(load_errors("version: 1\nhealthie:\n  api_version: \"2026-07-01\"\n", true).empty());
  // Without the provider's list only the form is checked.
  CHECK(load_errors(yaml, false).empty());
  CHECK(load_errors("version: 1\nhealthie:\n  api_version: latest\n", true) ==
        "rosterform.yaml:3:16: error: 'api_version' in healthie must be a Healthie API version, "
        "a date like \"2026-07-01\" (got 'latest')\n");
}
