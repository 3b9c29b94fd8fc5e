#pragma once
// The exact command lines that messages from state/ tell a person to run,
// with -state= added when the state is not at the default place, so that
// what is printed can be pasted as is from where the run was started.

#include <string>
#include <string_view>

namespace rosterform::state {

// "rosterform force-unlock [-force] [-state=PATH] ID".
[[nodiscard]] std::string force_unlock_command(const std::string& state_path, std::string_view id,
                                               bool force = false);

// "rosterform state init [-state=PATH]".
[[nodiscard]] std::string state_init_command(const std::string& state_path);

// "rosterform state migrate [-state=PATH]".
[[nodiscard]] std::string state_migrate_command(const std::string& state_path);

// "rosterform state keygen".
[[nodiscard]] std::string keygen_command();

}  // namespace rosterform::state
