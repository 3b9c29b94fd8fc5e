#pragma once
// Usage errors in rosterform's own voice. CLI11 finds what is wrong with the
// command line; this turns its exception into one message that starts
// "rosterform: error:", names the command it was parsing, suggests the
// nearest command or flag (did you mean ...?), and says where the help is.
// Arguments that do not look like a name are never repeated: a value typed in
// the wrong place can be PHI.

#include <string>

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace rosterform::cli {

// "plan", "state list": the command path of `app` below the root.
[[nodiscard]] std::string command_path(const CLI::App& app);

// The deepest command of `root` that the parse reached (root itself if none).
[[nodiscard]] const CLI::App& parsed_command(const CLI::App& root);

// The message for a parse error (without the trailing newline).
[[nodiscard]] std::string usage_error_message(const CLI::App& root, const CLI::ParseError& e);

// The message for a command name that is not one of `parent`'s commands;
// `context` prefixes it ("help: ").
[[nodiscard]] std::string unknown_command_message(const CLI::App& parent, const std::string& word,
                                                  const std::string& context);

}  // namespace rosterform::cli
