#pragma once
// A state that existed and is gone must never be replaced in silence by a
// new one: a new lineage adopts every user the roster matches and forgets
// which users rosterform managed. The files beside the local state show
// whether there was one: an audit log with entries (every apply, import
// and state rm writes one, and each of them had a state), or a journal
// (written only under a saved state's HMAC key). An empty state file is
// never written by rosterform (saves are atomic), so it is damage too.
//
//   ROSTERFORM_TRY(check_state_not_lost(files));   // LocalBackend::load
//   ROSTERFORM_TRY(set_aside_lost_state(files));   // `rosterform state init`

#include <string>

#include "engine/result.hpp"

namespace rosterform::state {

struct StateFiles {
  std::string state;
  std::string journal;
  std::string audit_log;  // empty: not consulted
};

// Fails when the state file is missing or empty although its journal or
// the audit log show earlier runs, or when it is empty at all; the message
// explains what was lost and the two ways on (restore, or `state init`).
[[nodiscard]] engine::Status check_state_not_lost(const StateFiles& files);

// Before a deliberate new state: refuses when a state file with content
// exists (it is not lost), removes an empty one, and moves a journal of
// the lost state aside (to <journal>.lost-<UTC time>, whose path it
// returns; empty when there was none), since its lines belong to the old
// state's key and would be folded into the new one.
[[nodiscard]] engine::Result<std::string> set_aside_lost_state(const StateFiles& files);

}  // namespace rosterform::state
