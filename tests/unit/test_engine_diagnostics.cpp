#include <doctest/doctest.h>

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
