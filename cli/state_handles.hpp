#pragma once
// Handles (engine/plan/handle.hpp) for the state commands: `state show` and
// `state rm` accept what the plan prints, and `state list` prints a handle
// the user can type for every entry, never the hidden "client.h:…" address
// the state keeps for a client whose key is derived from PHI.

#include <string>

#include "engine/result.hpp"
#include "state/state_model.hpp"

namespace rosterform::cli {

// The state address (a key of StateFile::resources) that `wanted` names:
// a key ("client.mrn-1", "mrn-1"), a Healthie id ("client.id:2001",
// "id:2001"), or a roster location ("roster/clients.yaml:12"), looked up
// in the roster of `workspace_dir`. The error says what to type instead.
[[nodiscard]] engine::Result<std::string> find_state_address(const state::StateFile& s,
                                                             const std::string& wanted,
                                                             const std::string& workspace_dir);

// How the state commands name an entry: its address, or "client.id:<n>" when
// the address is the hidden form.
[[nodiscard]] std::string state_handle(const std::string& address, const state::ResourceState& r);

}  // namespace rosterform::cli
