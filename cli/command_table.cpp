#include <array>

#include "cli/command.hpp"

namespace rosterform::cli {

std::span<const CommandSpec> command_table() {
  static const std::array<CommandSpec, 9> k_commands = {{
      {"validate", "Check the roster files without contacting Healthie", define_not_implemented},
      {"plan", "Show the changes that would make Healthie match the roster",
       define_not_implemented},
      {"apply", "Make the planned changes in Healthie, after approval", define_not_implemented},
      {"show", "Show a saved plan or the current state", define_not_implemented},
      {"import", "Write roster files from Healthie and adopt its users", define_not_implemented},
      {"state", "Inspect or edit the state: list, show, rm", define_not_implemented},
      {"force-unlock", "Release a stuck state lock", define_not_implemented},
      {"schema", "Print the roster's JSON Schema for editors", define_not_implemented},
      {"version", "Print the rosterform version", define_version},
  }};
  return k_commands;
}

}  // namespace rosterform::cli
