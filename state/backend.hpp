#pragma once
// Where state lives. The local file backend is the default; the interface is
// what a team backend (PostgreSQL, with row locks instead of a lock file)
// implements next. tests/unit/test_state_backend_conformance.cpp runs the same
// checks against every implementation.

#include <chrono>
#include <optional>
#include <string>

#include "engine/result.hpp"
#include "state/lock_info.hpp"
#include "state/state_key.hpp"
#include "state/state_model.hpp"

namespace rosterform::state {

class Backend {
 public:
  virtual ~Backend() = default;

  // The state with any journal folded in, or a fresh empty state (new
  // lineage, serial 0, new HMAC key) when there is none yet. A state that
  // existed and is gone (docs/state-format.md, "Lost state") is an error,
  // never a fresh state.
  virtual engine::Result<StateFile> load() = 0;

  // Deliberately starts a new, empty state where none can be read (after
  // the stored one was lost: `rosterform state init`), and saves it. Fails
  // when a state exists. `set_aside` names what was kept of the old one.
  struct NewState {
    StateFile state;
    std::string set_aside;  // e.g. the old journal's new path; may be empty
  };
  virtual engine::Result<NewState> start_new_state() = 0;

  // Replaces the stored state with `state` (whose serial the caller has
  // bumped) and clears the journal it supersedes.
  virtual engine::Status save(const StateFile& state) = 0;

  // Records one mutation durably before the caller starts the next one.
  virtual engine::Status append_journal(const JournalEntry& entry) = 0;

  // Takes the lock for `operation`, waiting up to `timeout` for a holder to
  // release it. On failure the message shows who holds it.
  virtual engine::Result<LockInfo> lock(const std::string& operation,
                                        std::chrono::milliseconds timeout) = 0;
  virtual engine::Status unlock(const LockInfo& held) = 0;
  // Releases a lock left by a crashed run; `id` must match the holder's.
  virtual engine::Status force_unlock(const std::string& id) = 0;
  // The current holder, if any.
  virtual engine::Result<std::optional<LockInfo>> lock_holder() = 0;
};

// A fresh state: random lineage, serial 0, no resources; the HMAC key is
// derived from `key` (format 2, only its fingerprint is written), or random
// and kept in the state without one (format 1).
[[nodiscard]] StateFile new_state(const StateKey* key = nullptr);

}  // namespace rosterform::state
