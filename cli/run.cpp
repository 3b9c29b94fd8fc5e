#include "cli/run.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <iostream>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/argv.hpp"
#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/process_hygiene.hpp"
#include "cli/usage_error.hpp"
#include "engine/output/console.hpp"
#include "engine/version.hpp"

namespace rosterform::cli {

namespace {

constexpr const char* k_description =
    "rosterform keeps a Healthie roster (staff and clients) in YAML files and\n"
    "reconciles Healthie to match them: plan shows the changes, apply makes them.";

int dispatch(int argc, char** argv) {
  CLI::App app{k_description, "rosterform"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", fmt::format("rosterform v{}", engine::k_version));
  app.footer("Options may be written with one dash or two: -out=FILE is --out=FILE.\n"
             "Run 'rosterform help COMMAND' for the flags of one command.");
  std::string chdir_to;
  app.add_option("--chdir", chdir_to,
                 "Switch to folder DIR before running the command (before it: "
                 "rosterform -chdir=DIR plan)");

  std::vector<std::pair<CLI::App*, CommandFn>> commands;
  for (const CommandSpec& spec : command_table()) {
    CLI::App* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
    commands.emplace_back(sub, spec.define(*sub));
  }

  std::vector<std::string> args = normalize_args(argc, argv);
  std::reverse(args.begin(), args.end());  // CLI11 consumes from the back
  try {
    app.parse(args);
  } catch (const CLI::Success& e) {
    return app.exit(e) == 0 ? k_exit_ok : k_exit_error;  // -help, -version
  } catch (const CLI::ParseError& e) {
    std::cerr << usage_error_message(app, e) << "\n";
    return k_exit_error;
  }
  if (!chdir_to.empty() && ::chdir(chdir_to.c_str()) != 0) {
    std::cerr << fmt::format("rosterform: error: -chdir={}: cannot enter that folder: {}\n",
                             chdir_to, std::strerror(errno));
    return k_exit_error;
  }

  for (auto& [sub, fn] : commands) {
    if (sub->parsed()) {
      return fn();
    }
  }
  std::cout << app.help();
  return k_exit_ok;
}

}  // namespace

int run(int argc, char** argv) {
  // Every byte this run prints passes the privacy gate's control-character
  // rule (engine/output/console.hpp).
  engine::output::ConsoleGate gate;
  if (std::string problem = forbid_core_dumps(); !problem.empty())
    std::cerr << "rosterform: warning: " << problem << "\n";
  // Exceptions mean a bug in rosterform, never a user error: those are values.
  try {
    return dispatch(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << fmt::format(
        "rosterform: internal error: {}\nThis is a bug in rosterform; please report it.\n",
        e.what());
  } catch (...) {
    std::cerr << "rosterform: internal error: unknown exception\n"
                 "This is a bug in rosterform; please report it.\n";
  }
  return k_exit_error;
}

}  // namespace rosterform::cli
