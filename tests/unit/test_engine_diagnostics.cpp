#include <doctest/doctest.h>

#include <fmt/format.h>

#include "engine/diagnostics.hpp"

using namespace rosterform::engine;

TEST_CASE("a diagnostic prints as path:line:col: severity: message") {
  Diagnostic d{Severity::error, {"roster/clients.yaml", 12, 5}, "unknown field 'emial'", {}};
  CHECK(format_diagnostic(d) == "roster/clients.yaml:12:5: error: unknown field 'emial'");
}

TEST_CASE("a diagnostic without a position prints the file alone") {
  Diagnostic d{Severity::warning, {"rosterform.yaml", 0, 0}, "no clients declared", {}};
  CHECK(format_diagnostic(d) == "rosterform.yaml: warning: no clients declared");
}

TEST_CASE("diagnostics collect every error and sort by place") {
  Diagnostics diags;
  diags.error({"b.yaml", 3, 1}, "second file");
  diags.warning({"a.yaml", 9, 2}, "a warning");
  diags.error({"a.yaml", 2, 7}, "first file");
  CHECK(diags.error_count() == 2);
  CHECK(diags.has_errors());
  diags.sort();
  REQUIRE(diags.items().size() == 3);
  CHECK(diags.items()[0].message == "first file");
  CHECK(diags.items()[1].message == "a warning");
  CHECK(diags.items()[2].message == "second file");
}

TEST_CASE("diagnostics: repeated warnings collapse into one line with a count and the first places") {
  rosterform::engine::Diagnostics d;
  const std::string same = "provider 'sam@example.com' is a Support member";
  for (std::uint32_t line = 1; line <= 2800; ++line) {
    d.warning({"roster/clients.yaml", line, 5}, same);
    if (line == 2) {
      d.error({"roster/clients.yaml", 2, 1}, "an error");
      d.warning({"roster/staff.yaml", 7, 3}, "another warning");
    }
  }
  d.error({"roster/clients.yaml", 9, 1}, "an error");
  auto lines = rosterform::engine::format_diagnostics_collapsed(d);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] ==
        "roster/clients.yaml:1:5: warning: provider 'sam@example.com' is a Support member "
        "(2,800 times; also at roster/clients.yaml:2:5, roster/clients.yaml:3:5, "
        "roster/clients.yaml:4:5 and 2,796 more)");
  CHECK(lines[1] == "roster/clients.yaml:2:1: error: an error");
  CHECK(lines[2] == "roster/staff.yaml:7:3: warning: another warning");
  CHECK(lines[3] == "roster/clients.yaml:9:1: error: an error");

  rosterform::engine::Diagnostics two;
  two.warning({"a.yaml", 1, 1}, "w");
  two.warning({"a.yaml", 2, 1}, "w");
  CHECK(rosterform::engine::format_diagnostics_collapsed(two) ==
        std::vector<std::string>{"a.yaml:1:1: warning: w (2 times; also at a.yaml:2:1)"});
  CHECK(rosterform::engine::grouped_count(0) == "0");
  CHECK(rosterform::engine::grouped_count(999) == "999");
  CHECK(rosterform::engine::grouped_count(1000) == "1,000");
  CHECK(rosterform::engine::grouped_count(1234567) == "1,234,567");
}

namespace {
constexpr rosterform::engine::WarningKind k_support{
    "clients have a Support member as provider",
    "Healthie assigns clients to providers (org_role: Standard)"};
constexpr rosterform::engine::WarningKind k_other{"clients name no provider", "add one"};
}  // namespace

TEST_CASE("diagnostics: warnings of one kind are one summary line, whatever their messages say") {
  rosterform::engine::Diagnostics d;
  for (std::uint32_t line = 1; line <= 2800; ++line) {
    // Three Support members: three messages, one kind.
    d.warning(k_support, {"roster/clients.yaml", line * 5, 15},
              fmt::format("provider 'sam{}@example.com' is a Support member", line % 3));
  }
  d.warning(k_other, {"roster/clients.yaml", 3, 5}, "client names no provider: add one");
  d.warning({"roster/staff.yaml", 1, 1}, "a warning without a kind");
  d.error({"roster/staff.yaml", 2, 1}, "an error");
  d.sort();
  auto lines = rosterform::engine::format_diagnostics_collapsed(d);
  CHECK(lines == std::vector<std::string>{
                     "roster/clients.yaml:3:5: warning: client names no provider: add one",
                     "warning: 2,800 clients have a Support member as provider (first: "
                     "roster/clients.yaml:5:15, roster/clients.yaml:10:15, "
                     "roster/clients.yaml:15:15 and 2,797 more): Healthie assigns clients to "
                     "providers (org_role: Standard)",
                     "roster/staff.yaml:1:1: warning: a warning without a kind",
                     "roster/staff.yaml:2:1: error: an error"});
}

TEST_CASE("diagnostics: a kind summary lists every place when there are few") {
  rosterform::engine::Diagnostics d;
  d.warning(k_support, {"a.yaml", 1, 1}, "one");
  d.warning(k_support, {"a.yaml", 2, 1}, "two");
  CHECK(rosterform::engine::format_diagnostics_collapsed(d) ==
        std::vector<std::string>{
            "warning: 2 clients have a Support member as provider (first: a.yaml:1:1, "
            "a.yaml:2:1): Healthie assigns clients to providers (org_role: Standard)"});
  rosterform::engine::Diagnostics four;
  for (std::uint32_t line = 1; line <= 4; ++line) {
    four.warning(k_other, {"a.yaml", line, 0}, "x");
  }
  CHECK(rosterform::engine::format_diagnostics_collapsed(four) ==
        std::vector<std::string>{"warning: 4 clients name no provider (first: a.yaml:1, "
                                 "a.yaml:2, a.yaml:3 and 1 more): add one"});
}
