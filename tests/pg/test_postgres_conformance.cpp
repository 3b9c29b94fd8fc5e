// The shared conformance suite, unchanged, run against the postgres backend
// too: its checks are in that file's anonymous namespace, so the file is
// included here rather than copied (it also runs its own cases again).
#include "../unit/test_state_backend_conformance.cpp"

#include "pg_fixture.hpp"

TEST_CASE("conformance: the postgres backend") {
  std::string schema = testing::fresh_schema();
  auto backend = testing::open_pg(schema, "clinic-prod");
  check_backend(*backend);
  auto empty = testing::open_pg(schema, "clinic-staging");
  check_new_state(*empty);
}
