// `rosterform state list|show ADDRESS|rm ADDRESS|init`: inspect the state, or make
// rosterform forget a user without touching Healthie (the user then shows up
// as unmanaged, or is adopted again by the next plan); `init` is in
// command_state_init.cpp.
#include <iostream>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/command_state_init.hpp"
#include "cli/exit_codes.hpp"
#include "cli/state_options.hpp"
#include "state/audit_log.hpp"
#include "state/state_model.hpp"

namespace rosterform::cli {

namespace {

struct StateArgs {
  StateOptions state;
  std::string address;
};

int report(const engine::Error& e) {
  std::cerr << fmt::format("rosterform: error: {}\n", e.message);
  return k_exit_error;
}

// Accepts a full address ("client.mrn-1") or a bare key when only one kind
// has it. The error lists what exists so a typo is easy to fix.
engine::Result<std::string> find_address(const state::StateFile& s, const std::string& wanted) {
  if (s.resources.count(wanted) != 0) {
    return wanted;
  }
  std::vector<std::string> hits;
  for (const char* kind : {"staff.", "client."}) {
    if (s.resources.count(kind + wanted) != 0) {
      hits.push_back(kind + wanted);
    }
  }
  if (hits.size() == 1) {
    return hits.front();
  }
  if (hits.size() > 1) {
    return engine::fail(fmt::format("'{}' is ambiguous: write {} or {}", wanted, hits[0], hits[1]));
  }
  return engine::fail(fmt::format(
      "no resource '{}' in the state; run 'rosterform state list' to see the addresses", wanted));
}

int run_list(const StateArgs& args) {
  auto backend = open_backend(resolve_state_path(args.state));
  auto s = backend->load();
  if (!s) {
    return report(s.error());
  }
  for (const auto& [address, resource] : s->resources) {
    std::cout << address << "\n";
  }
  return k_exit_ok;
}

int run_show(const StateArgs& args) {
  auto backend = open_backend(resolve_state_path(args.state));
  auto s = backend->load();
  if (!s) {
    return report(s.error());
  }
  auto address = find_address(*s, args.address);
  if (!address) {
    return report(address.error());
  }
  const state::ResourceState& r = s->resources.at(*address);
  std::cout << fmt::format("# {}\nkind          = {}\nuser_id       = {}\n", *address,
                           engine::to_string(r.kind), r.user_id);
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
  std::string path = resolve_state_path(args.state);
  auto backend = open_backend(path);
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
  auto s = backend->load();
  if (!s) {
    return finish(report(s.error()));
  }
  auto address = find_address(*s, args.address);
  if (!address) {
    return finish(report(address.error()));
  }
  s->resources.erase(*address);
  ++s->serial;
  if (auto saved = backend->save(*s); !saved) {
    return finish(report(saved.error()));
  }
  state::AuditEntry entry;
  entry.operation = "state rm";
  entry.changes.push_back({*address, "forget", {}, "succeeded"});
  entry.result = "succeeded";
  if (auto logged = state::AuditLog(audit_log_path(path)).append(entry); !logged) {
    return finish(report(logged.error()));
  }
  std::cout << fmt::format("Removed {} from the state; Healthie was not changed.\n", *address);
  return finish(k_exit_ok);
}

}  // namespace

CommandFn define_state(CLI::App& sub) {
  auto args = std::make_shared<StateArgs>();
  sub.require_subcommand(1);
  CLI::App* list = sub.add_subcommand("list", "List the addresses of managed users");
  CLI::App* show = sub.add_subcommand("show", "Show one managed user's ids and managed fields");
  CLI::App* rm = sub.add_subcommand("rm", "Forget a user; Healthie is not changed");
  CLI::App* init =
      sub.add_subcommand("init", "Start a new, empty state on purpose, after the old one was lost");
  for (CLI::App* s : {list, show, rm, init}) {
    add_state_options(*s, args->state);
  }
  show->add_option("address", args->address, "client.KEY or staff.EMAIL")->required();
  rm->add_option("address", args->address, "client.KEY or staff.EMAIL")->required();
  return [args, list, show, init] {
    if (list->parsed()) {
      return run_list(*args);
    }
    if (init->parsed()) {
      return run_state_init(args->state);
    }
    return show->parsed() ? run_show(*args) : run_rm(*args);
  };
}

}  // namespace rosterform::cli
