#pragma once
// Options shared by every command that touches the state: where it is, and
// how long to wait for its lock. Declared once so every command spells them
// the same way.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "engine/result.hpp"
#include "state/backend.hpp"
#include "state/state_key.hpp"

namespace CLI {
class App;
}

namespace rosterform::cli {

struct StateOptions {
  std::string dir = ".";   // the workspace folder
  std::string state_path;  // -state: overrides the workspace's state.path
  std::string lock_timeout = "0s";
};

// Adds -state and -lock-timeout to `sub`.
void add_state_options(CLI::App& sub, StateOptions& options);

// The state file for the workspace: -state if given, else `state.path` from
// rosterform.yaml (default .rosterform/state.json), relative to the
// workspace folder.
[[nodiscard]] std::string resolve_state_path(const StateOptions& options);

// `configured` (absolute, or relative to `dir`) as a normalised path.
[[nodiscard]] std::string state_path_in(const std::string& dir, const std::string& configured);

// "0s", "500ms", "30s", "5m" -> milliseconds; an error names the option.
[[nodiscard]] engine::Result<std::chrono::milliseconds> parse_duration(const std::string& text,
                                                                       const std::string& option);

}  // namespace rosterform::cli
