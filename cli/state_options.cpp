#include "cli/state_options.hpp"

#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "engine/duration.hpp"
#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "state/local_backend.hpp"

namespace rosterform::cli {

namespace fs = std::filesystem;

void add_state_options(CLI::App& sub, StateOptions& options) {
  sub.add_option("--state", options.state_path,
                 "State file (default: state.path in rosterform.yaml, else .rosterform/state.json)");
  sub.add_option("--lock-timeout", options.lock_timeout,
                 "How long to wait for the state lock, e.g. 30s or 5m (default 0s)");
}

std::string state_path_in(const std::string& dir, const std::string& configured) {
  fs::path p = configured;
  return (p.is_absolute() ? p : fs::path(dir) / p).lexically_normal().string();
}

namespace {

// The state commands read only `state:` from rosterform.yaml; roster
// mistakes elsewhere must not stop `state list` or `force-unlock`, so the
// loader's diagnostics are not consulted here.
engine::StateSettings workspace_state_settings(const std::string& dir) {
  if (!fs::exists(fs::path(dir) / engine::roster::k_workspace_file)) {
    return {};
  }
  return engine::roster::load_workspace(dir, healthie::staff_schema(), healthie::client_schema())
      .state.state;
}

}  // namespace

std::string resolve_state_path(const StateOptions& options) {
  if (!options.state_path.empty()) {
    return options.state_path;
  }
  return state_path_in(options.dir, workspace_state_settings(options.dir).path);
}

engine::Result<std::optional<state::StateKey>> resolve_state_key(const StateOptions& options) {
  return state::state_key_from_env(workspace_state_settings(options.dir).key_env);
}

engine::Result<std::unique_ptr<state::Backend>> open_workspace_backend(
    const StateOptions& options) {
  auto key = resolve_state_key(options);
  if (!key) {
    return tl::unexpected(key.error());
  }
  return open_backend(resolve_state_path(options), std::move(*key));
}

std::string audit_log_path(const std::string& state_path) {
  fs::path dir = fs::path(state_path).parent_path();
  return (dir / "audit.jsonl").string();
}

std::unique_ptr<state::Backend> open_backend(const std::string& state_path,
                                             std::optional<state::StateKey> key) {
  return std::make_unique<state::LocalBackend>(state_path, audit_log_path(state_path),
                                               std::move(key));
}

engine::Result<std::chrono::milliseconds> parse_duration(const std::string& text,
                                                         const std::string& option) {
  auto value = engine::parse_duration(text);
  if (!value) {
    return engine::fail(
        fmt::format("invalid value '{}' for {}: {}", text, option, engine::k_duration_hint));
  }
  return *value;
}

}  // namespace rosterform::cli
