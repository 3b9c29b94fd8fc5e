#pragma once
// The command table, in the manner of ninja's kTools: each subcommand is a
// row that names itself, says what it does, and declares its options on a
// CLI11 sub-app. Declaring returns the function that runs the command once
// parsing has filled its options, so parsing and running stay apart.

#include <functional>
#include <span>
#include <string_view>

namespace CLI {
class App;
}

namespace rosterform::cli {

using CommandFn = std::function<int()>;

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  CommandFn (*define)(CLI::App& sub);
};

[[nodiscard]] std::span<const CommandSpec> command_table();

// Declares a command that is not built yet: it exits 1 and says so, rather
// than pretending to succeed.
CommandFn define_not_implemented(CLI::App& sub);

CommandFn define_validate(CLI::App& sub);
CommandFn define_plan(CLI::App& sub);
CommandFn define_apply(CLI::App& sub);
CommandFn define_show(CLI::App& sub);
CommandFn define_import(CLI::App& sub);
CommandFn define_state(CLI::App& sub);
CommandFn define_force_unlock(CLI::App& sub);
CommandFn define_schema(CLI::App& sub);
CommandFn define_audit(CLI::App& sub);
CommandFn define_version(CLI::App& sub);
CommandFn define_help(CLI::App& sub);
CommandFn define_init(CLI::App& sub);
CommandFn define_doctor(CLI::App& sub);

}  // namespace rosterform::cli
