// `rosterform audit verify`: check the audit log's hash chain.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/backend_factory.hpp"
#include "cli/state_options.hpp"
#include "state/audit_log.hpp"

namespace rosterform::cli {

CommandFn define_audit(CLI::App& sub) {
  auto options = std::make_shared<StateOptions>();
  sub.require_subcommand(1);
  CLI::App* verify = sub.add_subcommand("verify", "Check that no line was changed or removed");
  verify->add_option("--state", options->state_path,
                     "State file whose folder holds audit.jsonl (default .rosterform/state.json)");
  return [options] {
    auto backend = open_backend(*options);
    auto result = backend ? (*backend)->verify_audit()
                          : engine::Result<state::AuditVerification>(tl::unexpected(backend.error()));
    if (!result) {
      std::cerr << fmt::format("rosterform: error: {}\n", result.error().message);
      return k_exit_error;
    }
    std::cout << fmt::format("The audit log of {}: {} entries, chain intact. Last hash: {}\n",
                             (*backend)->name(), result->lines, result->last_hash);
    return k_exit_ok;
  };
}

}  // namespace rosterform::cli
