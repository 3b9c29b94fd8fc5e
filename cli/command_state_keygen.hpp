#pragma once
// `rosterform state keygen`: a new random state key (state/state_key.hpp).

namespace rosterform::cli {

// Prints a new key on standard output, one line and nothing else (so
// `rosterform state keygen | gh secret set ROSTERFORM_STATE_KEY` stores it
// as is), and on standard error how to keep it. Returns the exit code.
int run_state_keygen();

}  // namespace rosterform::cli
