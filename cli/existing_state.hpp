#pragma once
// The state as the read-only commands (show, state list, state show) need
// it: one that exists. A backend hands out a fresh, empty state when there
// is none yet (apply and import start from it); these commands say that
// there is no state instead of listing an invented one.

#include <string>

#include "engine/result.hpp"
#include "state/backend.hpp"

namespace rosterform::cli {

[[nodiscard]] engine::Result<state::StateFile> load_existing_state(state::Backend& backend);

}  // namespace rosterform::cli
