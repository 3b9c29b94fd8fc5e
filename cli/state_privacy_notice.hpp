#pragma once
// What a person is told about a local state that keeps its HMAC key beside
// the hashes (no state key configured): that the file must not be
// committed. Said once, by the run that creates the state, and again on
// every run while git tracks the file, when it is no longer advice but a
// leak in progress (docs/state-format.md, "The state key"). With a state key
// nothing is said: the file then holds no key.

#include <string>

#include "state/state_key.hpp"

namespace rosterform::cli {

struct StateFileFacts {
  std::string path;
  bool present = false;    // the state (or its journal) exists already
  bool will_write = false; // this run takes the lock and may create it
  const state::StateKey* key = nullptr;
};

// The notice for `facts`, or "" when there is nothing to say. `tracked`
// says whether git tracks the state file.
[[nodiscard]] std::string state_privacy_notice(const StateFileFacts& facts, bool tracked);

// Prints state_privacy_notice to standard error (asking git's index only
// when it matters).
void notice_state_privacy(const StateFileFacts& facts);

}  // namespace rosterform::cli
