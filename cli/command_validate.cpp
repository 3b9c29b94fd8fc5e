// `rosterform validate [DIR] [-json]`: loads the roster and reports every
// problem, without contacting Healthie. Exit 0 when valid (warnings allowed),
// 1 when not.
//
// Human output: one line per problem on stderr (`path:line:col: error: ...`),
// then a summary line. -json prints one object on stdout instead; its shape
// is documented in docs/roster-format.md ("Validating").

#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/json_failure.hpp"
#include "cli/session.hpp"
#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::cli {

namespace {

struct ValidateArgs {
  std::string dir = ".";
  bool json = false;
};

nlohmann::json to_json(const engine::roster::LoadResult& r) {
  nlohmann::json diags = diagnostics_json(r.diagnostics);
  const std::size_t errors = r.diagnostics.error_count();
  return {{"format_version", "1.0"},
          {"valid", errors == 0},
          {"error_count", errors},
          {"warning_count", r.diagnostics.items().size() - errors},
          {"diagnostics", std::move(diags)},
          {"roster",
           {{"files", r.files},
            {"staff_managed", r.state.staff_declared},
            {"clients_managed", r.state.clients_declared},
            {"staff", r.state.staff.size()},
            {"clients", r.state.clients.size()},
            {"external_staff_emails", r.state.external_staff_emails}}}};
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string managed(bool declared, std::size_t n, std::string_view one, std::string_view many) {
  return declared ? plural(n, one, many) : fmt::format("{} not managed", many);
}

int print_human(const engine::roster::LoadResult& r) {
  for (const std::string& line : engine::format_diagnostics_collapsed(r.diagnostics)) {
    std::cerr << line << '\n';
  }
  const std::size_t errors = r.diagnostics.error_count();
  const std::size_t warnings = r.diagnostics.items().size() - errors;
  if (errors > 0) {
    std::cerr << fmt::format("rosterform: the roster is invalid: {}, {}\n",
                             plural(errors, "error", "errors"),
                             plural(warnings, "warning", "warnings"));
    return k_exit_error;
  }
  std::cout << fmt::format(
      "The roster is valid: {}, {} in {}.\n",
      managed(r.state.staff_declared, r.state.staff.size(), "staff member", "staff members"),
      managed(r.state.clients_declared, r.state.clients.size(), "client", "clients"),
      plural(r.files.size(), "file", "files"));
  if (!r.state.external_staff_emails.empty()) {
    std::cout << "Staff referenced but not in the roster (looked up in Healthie by plan):\n";
    for (const std::string& email : r.state.external_staff_emails) {
      std::cout << "  " << email << '\n';
    }
  }
  return k_exit_ok;
}

}  // namespace

CommandFn define_validate(CLI::App& sub) {
  auto args = std::make_shared<ValidateArgs>();
  sub.add_option("dir", args->dir, "The workspace folder, holding rosterform.yaml (default: .)");
  sub.add_flag("--json", args->json, "Print the result as one JSON object on stdout");
  return [args] {
    const engine::roster::LoadResult result = engine::roster::load_workspace(
        args->dir, healthie::staff_schema(), healthie::client_schema(), roster_load_options());
    if (args->json) {
      std::cout << to_json(result).dump(2) << '\n';
      return result.diagnostics.has_errors() ? k_exit_error : k_exit_ok;
    }
    return print_human(result);
  };
}

}  // namespace rosterform::cli
