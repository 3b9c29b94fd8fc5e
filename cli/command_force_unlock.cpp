// `rosterform force-unlock LOCK_ID`: release a lock left by a crashed run.
// The ID must match, so a lock taken since by someone else is never broken.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/state_options.hpp"

namespace rosterform::cli {

CommandFn define_force_unlock(CLI::App& sub) {
  struct Args {
    StateOptions state;
    std::string id;
  };
  auto args = std::make_shared<Args>();
  sub.add_option("lock_id", args->id, "The ID shown by the run that found the state locked")
      ->required();
  sub.add_option("--state", args->state.state_path, "State file (default .rosterform/state.json)");
  return [args] {
    auto backend = open_backend(resolve_state_path(args->state));
    if (auto released = backend->force_unlock(args->id); !released) {
      std::cerr << fmt::format("rosterform: error: {}\n", released.error().message);
      return k_exit_error;
    }
    std::cout << fmt::format("Released lock {}.\n", args->id);
    return k_exit_ok;
  };
}

}  // namespace rosterform::cli
