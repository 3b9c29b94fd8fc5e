#include "cli/state_privacy_notice.hpp"

#include <iostream>

#include <fmt/format.h>

#include "cli/git_tracked.hpp"
#include "state/command_hint.hpp"

namespace rosterform::cli {

std::string state_privacy_notice(const StateFileFacts& facts, bool tracked) {
  if (facts.key != nullptr) {
    return {};
  }
  if (facts.present && tracked) {
    return fmt::format(
        "rosterform: warning: git tracks the state file {}, which keeps its HMAC key beside the "
        "hashes: anyone with the repository can test guesses of the values it hashes (dates of "
        "birth, phones). Take it out of git (git rm --cached {}) and ignore it, or move the key "
        "out of the state: make one with {}, set {} to it, and run {}\n",
        facts.path, facts.path, state::keygen_command(), state::k_default_state_key_env,
        state::state_migrate_command(facts.path));
  }
  if (!facts.present && facts.will_write) {
    return fmt::format(
        "rosterform: note: this run creates the state file {}, which keeps its HMAC key beside "
        "the hashes of the values it manages: do not commit it (ignore its folder in git). To "
        "keep the key out of the file, make one with {} and set {} to it. (Said once.)\n",
        facts.path, state::keygen_command(), state::k_default_state_key_env);
  }
  return {};
}

void notice_state_privacy(const StateFileFacts& facts) {
  bool tracked = facts.key == nullptr && facts.present && git_tracks(facts.path);
  std::cerr << state_privacy_notice(facts, tracked);
}

}  // namespace rosterform::cli
