#pragma once
// `rosterform state history [-limit N]` and `state rollback SERIAL`.

#include <cstddef>
#include <cstdint>

#include "cli/state_options.hpp"

namespace rosterform::cli {

int run_state_history(const StateOptions& options, std::size_t limit);
int run_state_rollback(const StateOptions& options, std::uint64_t serial, bool auto_approve);

}  // namespace rosterform::cli
