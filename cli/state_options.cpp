#include "cli/state_options.hpp"

#include "cli/backend_factory.hpp"

#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "engine/duration.hpp"
#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"

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

std::string resolve_state_path(const StateOptions& options) {
  if (!options.state_path.empty()) {
    return options.state_path;
  }
  return state_path_in(options.dir, workspace_state_settings(options.dir).path);
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
