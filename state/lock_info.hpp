#pragma once

#include <string>

namespace rosterform::state {

// Who holds the state lock, shown to anyone who finds it taken.
struct LockInfo {
  std::string id;         // random; `rosterform force-unlock ID` needs it
  std::string who;        // user@host or the CI environment
  std::string host;
  long pid = 0;
  std::string operation;  // plan, apply, import, state rm
  std::string created;    // RFC 3339, UTC
};

// "Lock ID: ...\n  Who: ...\n  Operation: ...\n  Created: ..." for messages.
[[nodiscard]] std::string describe(const LockInfo& info);

// The current user and host ("alice@build-3"), or the CI job when the
// environment names one (GITHUB_ACTIONS, GITLAB_CI, CI).
[[nodiscard]] std::string current_actor();

}  // namespace rosterform::state
