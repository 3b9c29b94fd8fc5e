#include <array>

#include "cli/command.hpp"

namespace rosterform::cli {

std::span<const CommandSpec> command_table() {
  static const std::array<CommandSpec, 13> k_commands = {{
      {"init", "Start a workspace here: rosterform.yaml, the schema, .gitignore", define_init},
      {"validate", "Check the roster files without contacting Healthie", define_validate},
      {"plan", "Show the changes that would make Healthie match the roster",
       define_plan},
      {"apply", "Make the planned changes in Healthie, after approval", define_apply},
      {"show", "Show a saved plan or the current state", define_show},
      {"import", "Write roster files from Healthie and adopt its users", define_import},
      {"state", "Inspect or edit the state: list, show, rm", define_state},
      {"force-unlock", "Release a stuck state lock", define_force_unlock},
      {"schema", "Print the roster's JSON Schema for editors", define_schema},
      {"doctor", "Check that Healthie accepts this rosterform: key, version, documents", define_doctor},
      {"audit", "Verify the audit log's hash chain", define_audit},
      {"version", "Print the rosterform version", define_version},
      {"help", "Show the help of rosterform or of one command: help [COMMAND]", define_help},
  }};
  return k_commands;
}

}  // namespace rosterform::cli
