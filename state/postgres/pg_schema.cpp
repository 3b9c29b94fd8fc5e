#include "state/postgres/pg_schema.hpp"

#include <array>

#include <fmt/format.h>

#include "state/lock_info.hpp"

namespace rosterform::state::pg {

namespace {

// Version 1. Tables (all keyed by workspace):
//   workspaces      one row per workspace name: its current lineage and serial
//   state_versions  every state ever saved (append-only history); the
//                   current one is (workspaces.lineage, workspaces.serial)
//   journal         one row per mutation since the last save
//   lock_holders    who holds the workspace's advisory lock, for messages
//   audit_log       the audit chain (state/audit_log.hpp), append-only
// Values are text: the state is our own JSON, decoded by state_codec, and
// its column is stored uncompressed (EXTERNAL): the digests in it do not
// compress, and compressing 30 MB on every save costs more than it saves.
constexpr std::array<const char*, 9> k_migration_1 = {{
    R"(CREATE TABLE schema_version (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now(),
         applied_by text NOT NULL))",
    R"(CREATE TABLE workspaces (
         id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         name text NOT NULL UNIQUE,
         lineage text,
         serial bigint,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()))",
    R"(CREATE TABLE state_versions (
         workspace_id integer NOT NULL REFERENCES workspaces(id),
         lineage text NOT NULL,
         serial bigint NOT NULL,
         state text NOT NULL,
         saved_at timestamptz NOT NULL DEFAULT now(),
         saved_by text NOT NULL,
         operation text NOT NULL,
         plan_hash text,
         PRIMARY KEY (workspace_id, lineage, serial)))",
    "ALTER TABLE state_versions ALTER COLUMN state SET STORAGE EXTERNAL",
    R"(CREATE TABLE journal (
         workspace_id integer NOT NULL REFERENCES workspaces(id),
         seq bigint GENERATED ALWAYS AS IDENTITY,
         lineage text NOT NULL,
         base_serial bigint NOT NULL,
         entry text NOT NULL,
         written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         PRIMARY KEY (workspace_id, seq)))",
    R"(CREATE TABLE lock_holders (
         workspace_id integer PRIMARY KEY REFERENCES workspaces(id),
         lock_id text NOT NULL,
         who text NOT NULL,
         host text NOT NULL,
         pid bigint NOT NULL,
         backend_pid integer NOT NULL,
         operation text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()))",
    R"(CREATE TABLE audit_log (
         workspace_id integer NOT NULL REFERENCES workspaces(id),
         seq bigint GENERATED ALWAYS AS IDENTITY,
         line text NOT NULL,
         PRIMARY KEY (workspace_id, seq)))",
    // The audit chain detects edits; the trigger refuses them up front, so
    // only an owner who drops it can rewrite history.
    R"(CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the rosterform audit log is append-only'; END $$)",
    R"(CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
         FOR EACH ROW EXECUTE FUNCTION audit_log_append_only())",
}};

// The version recorded in the schema; 0 when it has no rosterform tables yet.
engine::Result<int> current_version(Connection& c) {
  auto exists = c.exec("SELECT to_regclass('schema_version') IS NOT NULL");
  if (!exists) {
    return tl::unexpected(exists.error());
  }
  if (exists->text(0, 0) != "t") {
    return 0;
  }
  auto version = c.exec("SELECT coalesce(max(version), 0) FROM schema_version");
  if (!version) {
    return tl::unexpected(version.error());
  }
  return static_cast<int>(version->integer(0, 0));
}

engine::Status refuse_newer(int found, const std::string& schema) {
  if (found <= k_schema_version) {
    return {};
  }
  return engine::fail(fmt::format(
      "the state database's schema '{}' is at version {}, newer than this rosterform knows "
      "(version {}): a newer rosterform migrated it. Upgrade rosterform on this runner; an older "
      "one must not write a state it does not understand.",
      schema, found, k_schema_version));
}

engine::Status migrate(Connection& c, const std::string& schema) {
  auto quoted = c.quote_identifier(schema);
  if (!quoted) {
    return tl::unexpected(quoted.error());
  }
  auto tx = Transaction::begin(c);
  if (!tx) {
    return tl::unexpected(tx.error());
  }
  ROSTERFORM_TRY(c.exec("SELECT pg_advisory_xact_lock($1::int4, $2::int4)",
                        {std::to_string(k_lock_namespace), std::to_string(k_migration_lock)}));
  const std::string create = "CREATE SCHEMA IF NOT EXISTS " + *quoted;
  ROSTERFORM_TRY(c.exec(create.c_str()));
  auto version = current_version(c);  // again, under the lock
  if (!version) {
    return tl::unexpected(version.error());
  }
  ROSTERFORM_TRY(refuse_newer(*version, schema));
  if (*version < 1) {
    for (const char* statement : k_migration_1) {
      ROSTERFORM_TRY(c.exec(statement));
    }
    ROSTERFORM_TRY(c.exec("INSERT INTO schema_version (version, applied_by) VALUES (1, $1)",
                          {current_actor()}));
  }
  return tx->commit();
}

}  // namespace

engine::Status prepare_schema(Connection& c, const std::string& schema) {
  ROSTERFORM_TRY(
      c.exec("SELECT set_config('search_path', quote_ident($1), false)", {schema}));
  auto version = current_version(c);
  if (!version) {
    return tl::unexpected(version.error());
  }
  ROSTERFORM_TRY(refuse_newer(*version, schema));
  if (*version == k_schema_version) {
    return {};
  }
  return migrate(c, schema);
}

}  // namespace rosterform::state::pg
