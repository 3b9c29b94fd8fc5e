// `rosterform help [COMMAND [SUBCOMMAND]]`: the help of the whole program or
// of one command, as `COMMAND -help` prints it; an unknown name gets the
// same did-you-mean as anywhere else on the command line.
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/usage_error.hpp"

namespace rosterform::cli {

namespace {

CLI::App* find_subcommand(CLI::App& parent, const std::string& name) {
  for (CLI::App* sub : parent.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == name) {
      return sub;
    }
  }
  return nullptr;
}

}  // namespace

CommandFn define_help(CLI::App& sub) {
  sub.allow_extras();
  CLI::App* self = &sub;
  return [self] {
    CLI::App* app = self->get_parent();
    for (const std::string& word : self->remaining()) {
      if (word.starts_with("-")) {
        continue;
      }
      CLI::App* next = find_subcommand(*app, word);
      if (next == nullptr) {
        std::cerr << unknown_command_message(*app, word, "help: ") << "\n";
        return k_exit_error;
      }
      app = next;
    }
    // App::help() would describe the parsed command (help itself).
    std::string prev = command_path(*app);
    std::cout << app->get_formatter()->make_help(app, prev.empty() ? "rosterform" : "rosterform " + prev,
                                                 CLI::AppFormatMode::Normal);
    return k_exit_ok;
  };
}

}  // namespace rosterform::cli
