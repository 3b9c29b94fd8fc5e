#pragma once
// The one place that turns `state:` in rosterform.yaml into a state backend
// (docs/state-format.md): the local file beside the roster, or the team
// state in PostgreSQL. Every command opens its state through here, so no
// command knows a backend's files or tables.

#include <memory>
#include <optional>
#include <string>

#include "cli/state_options.hpp"
#include "engine/desired_state.hpp"
#include "engine/result.hpp"
#include "state/backend.hpp"
#include "state/state_key.hpp"

namespace rosterform::cli {

// The workspace's `state:` settings; the defaults when it has no
// rosterform.yaml. Roster mistakes elsewhere do not matter here, so that
// `state list` or `force-unlock` work on a roster that does not validate.
[[nodiscard]] engine::StateSettings workspace_state_settings(const std::string& dir);

// The state key `settings` configure: `key_env`, else ROSTERFORM_STATE_KEY
// when set (state/state_key.hpp); nullopt when there is none.
[[nodiscard]] engine::Result<std::optional<state::StateKey>> resolve_state_key(
    const StateOptions& options);

// Opens the backend `settings` choose, with `key` (the postgres backend
// requires one); `options` gives -state (local only).
[[nodiscard]] engine::Result<std::unique_ptr<state::Backend>> open_backend(
    const engine::StateSettings& settings, const StateOptions& options,
    std::optional<state::StateKey> key);

// The same, reading the settings and the key from the workspace `options.dir`.
[[nodiscard]] engine::Result<std::unique_ptr<state::Backend>> open_backend(
    const StateOptions& options);

}  // namespace rosterform::cli
