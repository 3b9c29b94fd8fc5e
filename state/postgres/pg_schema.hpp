#pragma once
// The backend's tables, in a PostgreSQL schema of their own (default
// `rosterform`), and their migrations.
//
// The schema is versioned in `schema_version`. A run that finds it current
// does nothing more; otherwise it takes a transaction-level advisory lock
// (so concurrent first runs on fresh runners queue instead of racing on
// CREATE TABLE), re-reads the version under the lock, applies the missing
// migrations and commits, all in one transaction. A schema newer than this
// build knows is refused: an older rosterform must never write a state in
// a shape it does not understand.

#include <cstdint>
#include <string>

#include "engine/result.hpp"
#include "state/postgres/pg_connection.hpp"

namespace rosterform::state::pg {

inline constexpr int k_schema_version = 1;

// The first key of every advisory lock rosterform takes, so that its locks
// never collide with another application's: "rost" in ASCII.
inline constexpr std::int32_t k_lock_namespace = 0x726F7374;
// Second keys: 0 is the migration lock; a workspace's lock is its id (>= 1).
inline constexpr std::int32_t k_migration_lock = 0;
// The audit chain's appends are serialised under (k_audit_namespace, id).
inline constexpr std::int32_t k_audit_namespace = 0x726F7375;

// Points the session at `schema` and brings it to k_schema_version.
[[nodiscard]] engine::Status prepare_schema(Connection& c, const std::string& schema);

}  // namespace rosterform::state::pg
