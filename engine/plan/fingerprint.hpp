#pragma once
// A record's fingerprint: what a saved plan remembers of each Healthie record
// it touches, so that apply can refuse the plan once the record moved, and
// say which fields moved (never their values).
//
// It keeps Healthie's updated_at, the record's active flag, the values that
// identify the record to a look-up (a saved plan holds values in the clear
// anyway; -json never shows them), and a keyed digest
// (ValueHasher, the first 16 hex digits) of each managed field as read. With
// no hasher (no state yet) only updated_at and the flag are kept. A move of
// updated_at alone, with every managed field the same, is not a move: some
// field rosterform does not manage changed, and the reviewed change still
// does exactly what it said.

#include <string>
#include <utility>
#include <vector>

#include "engine/current_state.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/prior_state.hpp"

namespace rosterform::engine {

// `schema` tells which fields identify the user (Sensitivity::identity):
// their values are kept so that apply can look the record up again.
[[nodiscard]] Fingerprint fingerprint_of(const RemoteUser* r, const ValueHasher* hasher,
                                         const ResourceSchema& schema);

// How a record moved since its fingerprint was taken.
struct Movement {
  bool moved = false;
  bool other_user = false;        // the look-up found a different Healthie user
  bool active = false;            // archived or reactivated
  std::vector<FieldId> fields;    // other managed fields whose value changed
  bool updated_at_only = false;   // no field digests to compare; updated_at moved
};

// `hasher` must be the one the plan was made with (the state's); `schema` is
// the provider's schema for the record's kind.
[[nodiscard]] Movement movement_since(const Fingerprint& planned, const std::string& user_id,
                                      const RemoteUser& now, const ValueHasher* hasher,
                                      const ResourceSchema& schema);

}  // namespace rosterform::engine
