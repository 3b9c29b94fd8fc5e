#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/result.hpp"

namespace rosterform::state {

// Who holds the state lock, shown to anyone who finds it taken.
struct LockInfo {
  std::string id;         // random; `rosterform force-unlock ID` needs it
  std::string who;        // user@host or the CI environment
  std::string host;
  long pid = 0;
  std::string operation;  // plan, apply, import, state rm
  std::string created;    // RFC 3339, UTC
  // What a team backend knows of the holder's session, for messages: e.g.
  // "database session 4711 connected since 2026-12-01T13:02:11Z (still
  // running)". Empty for a lock file.
  std::string session;
};

// "Lock ID: ...\n  Who: ...\n  Operation: ...\n  Created: ..." for messages.
[[nodiscard]] std::string describe(const LockInfo& info);

// The current user and host ("alice@build-3"), or the CI job when the
// environment names one (GITHUB_ACTIONS, GITLAB_CI, CI).
[[nodiscard]] std::string current_actor();

// This machine's host name, as LockInfo::host records it.
[[nodiscard]] std::string current_host();

// What is known of the process holding a lock. Only on the host that took
// it can we tell (kill(pid, 0): ESRCH means gone); elsewhere it is unknown.
enum class HolderProcess : std::uint8_t { running, gone, unknown };
[[nodiscard]] HolderProcess holder_process(const LockInfo& info);

// A lock file with no holder in it (a run killed between creating the file
// and writing its record) has no ID; force-unlock takes this word instead.
inline constexpr std::string_view k_no_holder_id = "empty";

// force-unlock without -force: refuses while the holder is still running
// on this host, since two runs would then change Healthie and the state at
// once.
[[nodiscard]] engine::Status refuse_if_running(const LockInfo& holder,
                                               const std::string& state_path);

// The refusals every backend's unlock and force-unlock share, so that both
// backends say them alike. `where` names the state (Backend::name()).
[[nodiscard]] std::string lock_not_held_message(const std::string& id);
[[nodiscard]] std::string not_locked_message(const std::string& location);
[[nodiscard]] std::string lock_id_mismatch_message(const std::string& id, const std::string& where,
                                                   const LockInfo& holder);

// Says that `lock_path` records no holder, when it was last written, and
// how to clear it.
[[nodiscard]] std::string no_holder_message(const std::string& lock_path,
                                            const std::string& state_path,
                                            const std::string& modified);

}  // namespace rosterform::state
