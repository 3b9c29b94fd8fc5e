#pragma once
// The state key the state-decoder harness and its seeds share, so that a
// format 2 state and an encrypted plan in the corpus decode (and their
// mutations reach the checks past the key).

#include <string>

#include "state/state_key.hpp"

namespace rosterform::fuzz {

inline state::StateKey fuzz_state_key() { return {std::string(32, 'k'), "ROSTERFORM_STATE_KEY"}; }

}  // namespace rosterform::fuzz
