#include "state/command_hint.hpp"

#include "engine/desired_state.hpp"

namespace rosterform::state {

namespace {

// Single quotes around anything a shell would split or expand.
std::string shell_word(const std::string& word) {
  constexpr std::string_view k_plain =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+=:@";
  if (!word.empty() && word.find_first_not_of(k_plain) == std::string::npos) {
    return word;
  }
  std::string out = "'";
  for (char c : word) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// " -state=PATH", or nothing for the default path.
std::string state_flag(const std::string& state_path) {
  if (state_path == engine::StateSettings{}.path) {
    return {};
  }
  return " " + shell_word("-state=" + state_path);
}

}  // namespace

std::string force_unlock_command(const std::string& state_path, std::string_view id, bool force) {
  return std::string("rosterform force-unlock") + (force ? " -force" : "") +
         state_flag(state_path) + " " + std::string(id);
}

std::string state_init_command(const std::string& state_path) {
  return "rosterform state init" + state_flag(state_path);
}

std::string state_migrate_command(const std::string& state_path) {
  return "rosterform state migrate" + state_flag(state_path);
}

std::string keygen_command() { return "rosterform state keygen"; }

}  // namespace rosterform::state
