#pragma once
// `rosterform state init`: the deliberate way on after a state was lost.

#include "cli/state_options.hpp"

namespace rosterform::cli {

// Starts a new, empty state (new lineage, serial 0) where none can be read,
// under the lock, records it in the audit log, and says what it means.
// Refuses when a state exists. Returns the exit code.
int run_state_init(const StateOptions& options);

}  // namespace rosterform::cli
