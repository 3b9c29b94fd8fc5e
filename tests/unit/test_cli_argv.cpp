#include <doctest/doctest.h>

#include "cli/argv.hpp"

using rosterform::cli::normalize_args;

TEST_CASE("single-dash long options become double-dash, Terraform style") {
  const char* argv[] = {"rosterform", "plan", "-out=p.plan", "-json", "-h", "--", "-keep", "-5"};
  auto args = normalize_args(8, argv);
  REQUIRE(args.size() == 7);
  CHECK(args[0] == "plan");
  CHECK(args[1] == "--out=p.plan");
  CHECK(args[2] == "--json");
  CHECK(args[3] == "-h");
  CHECK(args[5] == "-keep");
  CHECK(args[6] == "-5");
}
