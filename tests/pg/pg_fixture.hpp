#pragma once
// Each test case gets a schema of its own in the throw-away cluster that
// tests/pg/with_cluster.sh started (PGHOST & co. point at it), so cases never
// see each other's workspaces.

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "state/crypto.hpp"
#include "state/state_key.hpp"
#include "state/postgres/postgres_backend.hpp"

namespace rosterform::testing {

// One key for the whole test run, as one CI secret serves every runner.
inline const state::StateKey& test_key() {
  static const state::StateKey key =
      state::parse_state_key(state::generate_state_key(), "ROSTERFORM_STATE_KEY").value();
  return key;
}

inline state::PostgresSettings pg_settings(const std::string& schema,
                                           const std::string& workspace = "default") {
  state::PostgresSettings s;
  s.connect.conn_str_origin = "the PG* environment";
  s.schema = schema;
  s.workspace = workspace;
  s.key = test_key();
  return s;
}

inline std::string fresh_schema() { return "t_" + state::random_hex(6); }

inline std::unique_ptr<state::PostgresBackend> open_pg(const std::string& schema,
                                                       const std::string& workspace = "default") {
  auto backend = state::PostgresBackend::open(pg_settings(schema, workspace));
  if (!backend) {
    FAIL(backend.error().message);
  }
  return std::move(*backend);
}

}  // namespace rosterform::testing
