// `rosterform state init`: start a new, empty state on purpose. Plan and
// apply refuse to when the old state is gone but the audit log or journal
// show it existed (state/lost_state.hpp); this is how a person says "yes,
// start over", and the audit log keeps that decision.
#include "cli/command_state_init.hpp"

#include <iostream>

#include <fmt/format.h>

#include "cli/backend_factory.hpp"
#include "cli/exit_codes.hpp"
#include "cli/state_privacy_notice.hpp"
#include "state/audit_log.hpp"

namespace rosterform::cli {

namespace {

int report(const engine::Error& e) {
  std::cerr << fmt::format("rosterform: error: {}\n", e.message);
  return k_exit_error;
}

engine::Result<state::Backend::NewState> start(state::Backend& backend) {
  auto made = backend.start_new_state();
  if (!made) {
    return made;
  }
  state::AuditEntry entry;
  entry.operation = "state init";
  entry.result = "succeeded";
  ROSTERFORM_TRY(backend.append_audit(entry));
  return made;
}

}  // namespace

int run_state_init(const StateOptions& options) {
  auto opened = open_backend(options);
  if (!opened) {
    return report(opened.error());
  }
  state::Backend* backend = opened->get();
  auto timeout = parse_duration(options.lock_timeout, "-lock-timeout");
  if (!timeout) {
    return report(timeout.error());
  }
  auto lock = backend->lock("state init", *timeout);
  if (!lock) {
    return report(lock.error());
  }
  auto made = start(*backend);
  auto released = backend->unlock(*lock);
  if (!made) {
    return report(made.error());
  }
  std::cout << fmt::format("Started a new state in {} (lineage {}, serial 0).\n",
                           backend->name(), made->state.lineage);
  if (workspace_state_settings(options.dir).backend == "local") {
    auto key = resolve_state_key(options);
    notice_state_privacy({resolve_state_path(options), false, true, key && *key ? &**key : nullptr});
  }
  if (!made->set_aside.empty()) {
    std::cout << fmt::format("Moved the journal of the lost state aside to {}.\n", made->set_aside);
  }
  std::cout << "The next plan matches the roster to Healthie by identity and adopts the users it "
               "finds; users managed before but no longer in the roster are unknown to the new "
               "state and are left as they are.\n";
  return released ? k_exit_ok : report(released.error());
}

}  // namespace rosterform::cli
