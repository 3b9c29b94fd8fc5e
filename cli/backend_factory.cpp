#include "cli/backend_factory.hpp"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "cli/env_var.hpp"
#include "state/local_backend.hpp"
#include "state/postgres/postgres_backend.hpp"

namespace rosterform::cli {

namespace fs = std::filesystem;

namespace {

// The audit log beside the local state: <state folder>/audit.jsonl.
std::string audit_log_path(const std::string& state_path) {
  return (fs::path(state_path).parent_path() / "audit.jsonl").string();
}

engine::Result<std::unique_ptr<state::Backend>> open_postgres(
    const engine::StateSettings& settings, const StateOptions& options,
    std::optional<state::StateKey> key) {
  if (!options.state_path.empty()) {
    return engine::fail(fmt::format(
        "-state names a local state file, but this workspace keeps its state in PostgreSQL "
        "(state.backend: postgres, workspace '{}'); drop -state",
        settings.workspace));
  }
  if (!key) {
    return engine::fail(fmt::format(
        "the postgres backend needs a state key, and none is set: set {} to a key made with "
        "`rosterform state keygen` (kept as a CI secret). A team state never keeps its key beside "
        "its hashes (docs/state-format.md, \"The state key\")",
        settings.key_env.empty() ? std::string(state::k_default_state_key_env) : settings.key_env));
  }
  state::PostgresSettings pg;
  pg.key = std::move(*key);
  pg.schema = settings.schema;
  pg.workspace = settings.workspace;
  if (!settings.conn_str_env.empty()) {
    pg.connect.conn_str = env_or_empty(settings.conn_str_env);
    pg.connect.conn_str_origin = settings.conn_str_env;
    if (pg.connect.conn_str.empty()) {
      return engine::fail(fmt::format(
          "state.conn_str_env names the variable {}, which is not set: set it to a PostgreSQL "
          "connection string (postgresql://USER@HOST/DB), or remove conn_str_env to use PGHOST, "
          "PGDATABASE and the other PG* variables",
          settings.conn_str_env));
    }
  } else {
    pg.connect.conn_str_origin = "the PG* environment";
  }
  auto backend = state::PostgresBackend::open(std::move(pg));
  if (!backend) {
    return tl::unexpected(backend.error());
  }
  return std::unique_ptr<state::Backend>(std::move(*backend));
}

}  // namespace

engine::StateSettings workspace_state_settings(const std::string& dir) {
  if (!fs::exists(fs::path(dir) / engine::roster::k_workspace_file)) {
    return {};
  }
  return engine::roster::load_workspace(dir, healthie::staff_schema(), healthie::client_schema())
      .state.state;
}

engine::Result<std::optional<state::StateKey>> resolve_state_key(const StateOptions& options) {
  return state::state_key_from_env(workspace_state_settings(options.dir).key_env);
}

engine::Result<std::unique_ptr<state::Backend>> open_backend(
    const engine::StateSettings& settings, const StateOptions& options,
    std::optional<state::StateKey> key) {
  if (settings.backend == "postgres") {
    return open_postgres(settings, options, std::move(key));
  }
  std::string path = options.state_path.empty() ? state_path_in(options.dir, settings.path)
                                                : options.state_path;
  return std::unique_ptr<state::Backend>(
      std::make_unique<state::LocalBackend>(path, audit_log_path(path), std::move(key)));
}

engine::Result<std::unique_ptr<state::Backend>> open_backend(const StateOptions& options) {
  engine::StateSettings settings = workspace_state_settings(options.dir);
  auto key = state::state_key_from_env(settings.key_env);
  if (!key) {
    return tl::unexpected(key.error());
  }
  return open_backend(settings, options, std::move(*key));
}

}  // namespace rosterform::cli
