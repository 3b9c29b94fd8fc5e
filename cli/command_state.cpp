// `rosterform state list|show HANDLE|rm HANDLE|init`: inspect the state, or make
// rosterform forget a user without touching Healthie (the user then shows up
// as unmanaged, or is adopted again by the next plan); `init` is in
// command_state_init.cpp.
#include <iostream>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/backend_factory.hpp"
#include "cli/command_state_history.hpp"
#include "cli/command_state_migrate.hpp"
#include "cli/command_state_init.hpp"
#include "cli/command_state_keygen.hpp"
#include "cli/existing_state.hpp"
#include "cli/exit_codes.hpp"
#include "cli/state_handles.hpp"
#include "cli/state_options.hpp"
#include "cli/workspace_commit.hpp"
#include "state/audit_log.hpp"
#include "state/state_model.hpp"

namespace rosterform::cli {

namespace {

struct StateArgs {
  StateOptions state;
  std::string address;
  std::size_t limit = 20;
  std::uint64_t serial = 0;
  bool auto_approve = false;
  std::string from;
};

int report(const engine::Error& e) {
  std::cerr << fmt::format("rosterform: error: {}\n", e.message);
  return k_exit_error;
}

int run_list(const StateArgs& args) {
  auto backend = open_backend(args.state);
  if (!backend) {
    return report(backend.error());
  }
  auto s = load_existing_state(**backend);
  if (!s) {
    return report(s.error());
  }
  for (const auto& [address, resource] : s->resources) {
    std::cout << state_handle(address, resource) << "\n";
  }
  return k_exit_ok;
}

int run_show(const StateArgs& args) {
  auto backend = open_backend(args.state);
  if (!backend) {
    return report(backend.error());
  }
  auto s = load_existing_state(**backend);
  if (!s) {
    return report(s.error());
  }
  auto address = find_state_address(*s, args.address, args.state.dir);
  if (!address) {
    return report(address.error());
  }
  const state::ResourceState& r = s->resources.at(*address);
  std::cout << fmt::format("# {}\nkind          = {}\nuser_id       = {}\n",
                           state_handle(*address, r), engine::to_string(r.kind), r.user_id);
  if (!r.membership_id.empty()) {
    std::cout << fmt::format("membership_id = {}\n", r.membership_id);
  }
  // Only names: the state holds keyed hashes of the values, never the values.
  std::vector<std::string> names;
  for (const auto& [name, digest] : r.applied) {
    names.push_back(name);
  }
  std::cout << fmt::format("managed       = [{}]\n", fmt::join(names, ", "));
  return k_exit_ok;
}

int run_rm(const StateArgs& args) {
  auto opened = open_backend(args.state);
  if (!opened) {
    return report(opened.error());
  }
  state::Backend* backend = opened->get();
  auto timeout = parse_duration(args.state.lock_timeout, "-lock-timeout");
  if (!timeout) {
    return report(timeout.error());
  }
  auto lock = backend->lock("state rm", *timeout);
  if (!lock) {
    return report(lock.error());
  }
  auto finish = [&](int code) {
    auto released = backend->unlock(*lock);
    return released ? code : report(released.error());
  };
  auto s = load_existing_state(*backend);
  if (!s) {
    return finish(report(s.error()));
  }
  auto address = find_state_address(*s, args.address, args.state.dir);
  if (!address) {
    return finish(report(address.error()));
  }
  std::string handle = state_handle(*address, s->resources.at(*address));
  std::string user_id = s->resources.at(*address).user_id;
  s->resources.erase(*address);
  ++s->serial;
  if (auto saved = backend->save(*s); !saved) {
    return finish(report(saved.error()));
  }
  state::AuditEntry entry;
  entry.operation = "state rm";
  entry.commit = workspace_commit(args.state.dir);
  entry.changes.push_back({handle, user_id, "forget", {}, "succeeded"});
  entry.result = "succeeded";
  if (auto logged = backend->append_audit(entry); !logged) {
    return finish(report(logged.error()));
  }
  std::cout << fmt::format("Removed {} from the state; Healthie was not changed.\n", handle);
  return finish(k_exit_ok);
}

}  // namespace

CommandFn define_state(CLI::App& sub) {
  auto args = std::make_shared<StateArgs>();
  sub.require_subcommand(1);
  CLI::App* list = sub.add_subcommand("list", "List a handle for each managed user");
  CLI::App* show = sub.add_subcommand("show", "Show one managed user's ids and managed fields");
  CLI::App* rm = sub.add_subcommand("rm", "Forget a user; Healthie is not changed");
  CLI::App* init =
      sub.add_subcommand("init", "Start a new, empty state on purpose, after the old one was lost");
  CLI::App* history =
      sub.add_subcommand("history", "List the saved versions of the state (postgres backend)");
  CLI::App* rollback =
      sub.add_subcommand("rollback", "Restore an earlier version of the state as a new serial");
  CLI::App* keygen = sub.add_subcommand("keygen", "Print a new random state key");
  CLI::App* migrate = sub.add_subcommand(
      "migrate", "Move a local state into the configured backend, under the state key");
  migrate->add_option("--from", args->from,
                      "The local state to move (default: state.path in rosterform.yaml)");
  for (CLI::App* s : {list, show, rm, init, history, rollback, migrate}) {
    add_state_options(*s, args->state);
  }
  history->add_option("--limit", args->limit, "How many versions to list (default 20)")
      ->check(CLI::Range(1, 100000));
  rollback->add_option("serial", args->serial, "The serial to restore (see `state history`)")
      ->required();
  rollback->add_flag("--auto-approve", args->auto_approve, "Skip the interactive confirmation");
  const char* help = "a handle: staff.EMAIL, client.KEY, client.id:HEALTHIE_ID or FILE:LINE";
  show->add_option("handle", args->address, help)->required();
  rm->add_option("handle", args->address, help)->required();
  return [args, list, show, init, history, rollback, keygen, migrate] {
    if (migrate->parsed()) {
      return run_state_migrate(args->state, args->from);
    }
    if (keygen->parsed()) {
      return run_state_keygen();
    }
    if (list->parsed()) {
      return run_list(*args);
    }
    if (history->parsed()) {
      return run_state_history(args->state, args->limit);
    }
    if (rollback->parsed()) {
      return run_state_rollback(args->state, args->serial, args->auto_approve);
    }
    if (init->parsed()) {
      return run_state_init(args->state);
    }
    return show->parsed() ? run_show(*args) : run_rm(*args);
  };
}

}  // namespace rosterform::cli
