#pragma once
// The one place that turns `state:` in rosterform.yaml into a state backend
// (docs/state-format.md): the local file beside the roster, or the team
// state in PostgreSQL. Every command opens its state through here, so no
// command knows a backend's files or tables.

#include <memory>
#include <string>

#include "cli/state_options.hpp"
#include "engine/desired_state.hpp"
#include "engine/result.hpp"
#include "state/backend.hpp"

namespace rosterform::cli {

// The workspace's `state:` settings; the defaults when it has no
// rosterform.yaml. Roster mistakes elsewhere do not matter here, so that
// `state list` or `force-unlock` work on a roster that does not validate.
[[nodiscard]] engine::StateSettings workspace_state_settings(const std::string& dir);

// Opens the backend `settings` choose; `options` gives -state (local only).
[[nodiscard]] engine::Result<std::unique_ptr<state::Backend>> open_backend(
    const engine::StateSettings& settings, const StateOptions& options);

// The same, reading the settings from the workspace `options.dir`.
[[nodiscard]] engine::Result<std::unique_ptr<state::Backend>> open_backend(
    const StateOptions& options);

}  // namespace rosterform::cli
