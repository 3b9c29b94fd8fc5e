// `rosterform force-unlock [-force] LOCK_ID`: release a lock left by a
// crashed run. The ID must match, so a lock taken since by someone else is
// never broken; a holder still running on this host is never released
// without -force; `empty` clears a lock file that records no holder.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/state_options.hpp"

namespace rosterform::cli {

namespace {

struct Args {
  StateOptions state;
  std::string id;
  bool force = false;
};

engine::Status release(const Args& args) {
  std::string path = resolve_state_path(args.state);
  auto backend = open_backend(path);
  auto holder = backend->lock_holder();
  if (!holder) {
    return tl::unexpected(holder.error());
  }
  bool running = *holder && (*holder)->id == args.id &&
                 state::holder_process(**holder) == state::HolderProcess::running;
  if (running && !args.force) {
    ROSTERFORM_TRY(state::refuse_if_running(**holder, path));
  }
  ROSTERFORM_TRY(backend->force_unlock(args.id));
  if (running) {
    std::cerr << fmt::format(
        "rosterform: warning: pid {} still holds the state open; if it is still applying, its "
        "own save can overwrite what the next run records\n",
        (*holder)->pid);
  }
  return {};
}

}  // namespace

CommandFn define_force_unlock(CLI::App& sub) {
  auto args = std::make_shared<Args>();
  sub.add_option("lock_id", args->id,
                 "The ID shown by the run that found the state locked (`empty` for a lock file "
                 "that records no holder)")
      ->required();
  sub.add_flag("--force", args->force,
               "Release the lock even though its holder is still running on this host");
  sub.add_option("--state", args->state.state_path, "State file (default .rosterform/state.json)");
  return [args] {
    if (auto released = release(*args); !released) {
      std::cerr << fmt::format("rosterform: error: {}\n", released.error().message);
      return k_exit_error;
    }
    if (args->id == state::k_no_holder_id) {
      std::cout << "Released the empty lock file.\n";
    } else {
      std::cout << fmt::format("Released lock {}.\n", args->id);
    }
    return k_exit_ok;
  };
}

}  // namespace rosterform::cli
