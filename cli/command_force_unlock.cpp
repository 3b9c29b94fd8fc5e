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
#include "cli/backend_factory.hpp"
#include "cli/state_options.hpp"
#include "state/command_hint.hpp"

namespace rosterform::cli {

namespace {

struct Args {
  StateOptions state;
  std::string id;
  bool force = false;
};

// A lock file knows only whether a pid on this host runs; a team backend
// knows whether the holder's database session is still connected.
engine::Status refuse_live_holder(const state::LockInfo& holder, const std::string& state_path) {
  if (holder.session.empty()) {
    return state::refuse_if_running(holder, state_path);
  }
  return engine::fail(fmt::format(
      "lock {} is held by a run whose database session is still connected:\n{}\nReleasing it "
      "would let two runs change Healthie and the state at once. Wait for it to finish, or stop "
      "it; to end its database session and release the lock anyway, run: {}",
      holder.id, state::describe(holder),
      state::force_unlock_command(engine::StateSettings{}.path, holder.id, true)));
}

engine::Status release(const Args& args) {
  auto opened = open_backend(args.state);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  state::Backend& backend = **opened;
  auto holder = backend.lock_holder();
  if (!holder) {
    return tl::unexpected(holder.error());
  }
  bool running = *holder && (*holder)->id == args.id &&
                 backend.holder_state(**holder) == state::HolderProcess::running;
  if (running && !args.force) {
    ROSTERFORM_TRY(refuse_live_holder(**holder, resolve_state_path(args.state)));
  }
  ROSTERFORM_TRY(backend.force_unlock(args.id));
  if (running && !(*holder)->session.empty()) {
    std::cerr << "rosterform: warning: ended the holder's database session; its apply stops "
                 "before its next change, and its journal is folded in by the next run\n";
  } else if (running) {
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
               "Release the lock even though its holder is still running (PostgreSQL: end "
               "its database session)");
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
