#pragma once
// Repairs a state that manages one Healthie user under two addresses.
//
// Before 0.1.1 a deactivation of a client whose roster entry had left the
// roster re-hashed its already-hidden key ("h:…") and filed the user again
// under that second, ghost address, so the next plan listed it twice, to
// forget and as changed outside rosterform, for ever. apply_journal no longer
// lets this happen; a state written before is repaired on load: one entry
// per Healthie user, the ghost dropped and the entry it was derived from kept
// (when neither was derived from the other, the first by address is kept).

#include <cstddef>

#include "engine/plan/prior_state.hpp"
#include "state/state_model.hpp"

namespace rosterform::state {

// Returns how many entries were dropped.
std::size_t merge_duplicate_users(StateFile& state, const engine::ValueHasher& hasher);

}  // namespace rosterform::state
