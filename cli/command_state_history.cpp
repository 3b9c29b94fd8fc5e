// `rosterform state history` and `rosterform state rollback SERIAL`: the
// versions a team backend keeps of the state, and putting an earlier one
// back. A rollback never rewrites history: the old version is saved again
// as a new serial (so a saved plan made against the state before the
// rollback is stale, as it must be), under the lock, after a confirmation.
#include "cli/command_state_history.hpp"

#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cli/backend_factory.hpp"
#include "cli/exit_codes.hpp"
#include "cli/workspace_commit.hpp"

namespace rosterform::cli {

namespace {

int report(const engine::Error& e) {
  std::cerr << fmt::format("rosterform: error: {}\n", e.message);
  return k_exit_error;
}

bool confirmed(const std::string& what) {
  if (::isatty(STDIN_FILENO) == 0) {
    return false;
  }
  std::cout << what << "\nOnly 'yes' will be accepted to approve.\n  Enter a value: " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

engine::Status restore(state::Backend& backend, std::uint64_t serial, const StateOptions& options,
                       bool auto_approve) {
  auto current = backend.load();
  if (!current) {
    return tl::unexpected(current.error());
  }
  if (serial == current->serial) {
    return engine::fail(fmt::format("serial {} is the current state; nothing to roll back", serial));
  }
  auto old = backend.read_version(serial);
  if (!old) {
    return tl::unexpected(old.error());
  }
  const std::string question = fmt::format(
      "Restore serial {} of {} ({} managed users) as serial {}, replacing serial {} ({} managed "
      "users)? Healthie is not changed; the next plan compares it with this state.",
      serial, backend.location(), old->resources.size(), current->serial + 1, current->serial,
      current->resources.size());
  if (!auto_approve && !confirmed(question)) {
    return engine::fail(::isatty(STDIN_FILENO) == 0
                            ? "state rollback needs approval, and there is no terminal to ask "
                              "on: pass -auto-approve"
                            : "state rollback cancelled");
  }
  state::StateFile restored = std::move(*old);
  restored.serial = current->serial + 1;
  restored.last_apply.reset();  // the plan it records was made against another serial
  ROSTERFORM_TRY(backend.save(restored));
  state::AuditEntry entry;
  entry.operation = "state rollback";
  entry.commit = workspace_commit(options.dir);
  entry.result = "succeeded";
  ROSTERFORM_TRY(backend.append_audit(entry));
  std::cout << fmt::format(
      "Restored serial {} as serial {}. Healthie was not changed; run `rosterform plan` to see "
      "how it differs.\n",
      serial, restored.serial);
  return {};
}

}  // namespace

int run_state_history(const StateOptions& options, std::size_t limit) {
  auto backend = open_backend(options);
  if (!backend) {
    return report(backend.error());
  }
  auto versions = (*backend)->history(limit);
  if (!versions) {
    return report(versions.error());
  }
  auto current = (*backend)->load();
  if (!current) {
    return report(current.error());
  }
  std::cout << fmt::format("{:>7}  {:<20}  {:<15}  {:<40}  {}\n", "SERIAL", "SAVED (UTC)",
                           "OPERATION", "BY", "PLAN");
  for (const state::Backend::Version& v : *versions) {
    bool now = v.serial == current->serial && v.lineage == current->lineage;
    std::cout << fmt::format("{:>7}  {:<20}  {:<15}  {:<40}  {}{}\n", v.serial, v.saved_at,
                             v.operation, v.saved_by,
                             v.plan_hash.empty() ? "-" : v.plan_hash.substr(0, 12),
                             now ? "  (current)" : "");
  }
  return k_exit_ok;
}

int run_state_rollback(const StateOptions& options, std::uint64_t serial, bool auto_approve) {
  auto opened = open_backend(options);
  if (!opened) {
    return report(opened.error());
  }
  state::Backend& backend = **opened;
  auto timeout = parse_duration(options.lock_timeout, "-lock-timeout");
  if (!timeout) {
    return report(timeout.error());
  }
  auto lock = backend.lock("state rollback", *timeout);
  if (!lock) {
    return report(lock.error());
  }
  auto restored = restore(backend, serial, options, auto_approve);
  auto released = backend.unlock(*lock);
  if (!restored) {
    return report(restored.error());
  }
  return released ? k_exit_ok : report(released.error());
}

}  // namespace rosterform::cli
