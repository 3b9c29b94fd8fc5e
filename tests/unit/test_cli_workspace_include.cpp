#include <doctest/doctest.h>

#include "cli/workspace_include.hpp"

using rosterform::cli::with_include;

TEST_CASE("workspace include: import adds the pattern it needs, keeping the file's layout") {
  CHECK(with_include("version: 1\n", "roster/staff.yaml") ==
        "version: 1\ninclude:\n  - roster/staff.yaml\n");
  CHECK(with_include("version: 1\ninclude: []  # import adds\n", "roster/a.yaml") ==
        "version: 1\ninclude: [roster/a.yaml]\n");
  CHECK(with_include("include: [x.yaml]\n", "roster/a.yaml") ==
        "include: [x.yaml, roster/a.yaml]\n");
  CHECK(with_include("include:\n    - x.yaml\n    # more\n    - y.yaml\nversion: 1\n", "r.yaml") ==
        "include:\n    - x.yaml\n    # more\n    - y.yaml\n    - r.yaml\nversion: 1\n");
  CHECK(with_include("include: x.yaml\n", "r.yaml") == "include:\n  - x.yaml\n  - r.yaml\n");
}
