#pragma once
// `rosterform state migrate [-from PATH]` (command_state_migrate.cpp).

#include <string>

#include "cli/state_options.hpp"

namespace rosterform::cli {

int run_state_migrate(const StateOptions& options, const std::string& from);

}  // namespace rosterform::cli
