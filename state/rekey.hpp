#pragma once
// Re-keying a state: moving the digests of a state made under one HMAC key
// (format 1, the key in the file) to the HMAC key derived from a state key
// (format 2), for `rosterform state migrate`. An HMAC cannot be converted
// from one key to another; each digest is re-made from the value it was
// made of, which only Healthie still holds. So a digest is re-keyed only
// when the field's *current* Healthie value still matches it under the old
// key (nothing drifted: the value is the one last applied); a drifted one is
// dropped, and reported (docs/state-format.md, "Migrating to a state key").
//
// Hidden client addresses (`client.h:…`, an HMAC of a derived roster key)
// are re-made from the roster's client keys; one that no roster key makes
// under the old key (the entry left the roster, or its identity changed) is
// renamed to another opaque `h:` name under the new key, so no name made
// under the old, now exposed key survives.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/current_state.hpp"
#include "state/prior_state_view.hpp"
#include "state/state_key.hpp"
#include "state/state_model.hpp"

namespace rosterform::state {

// State address -> field name -> the field's current Healthie value, in
// the form ValueHasher hashes it (engine/plan/compare.cpp, remote_value):
// `active` as "true"/"false", a reference as the staff member's email,
// anything else as Healthie returns it. current_field_values builds it.
using CurrentValues = std::map<std::string, std::map<std::string, std::string>>;

struct RekeyInput {
  CurrentValues current;
  // The roster's client keys (DesiredUser::key); the derived ones
  // ("rid:…", "email:…") re-make hidden addresses. Others are ignored.
  std::vector<std::string> roster_client_keys;
};

struct RekeyReport {
  std::size_t rekeyed = 0;  // digests re-made under the new key
  // "<handle> <field>" for each digest dropped: the value drifted since it
  // was applied, or the user is no longer found in Healthie. Handles are
  // never PHI (a hidden client is "client.id:<Healthie id>").
  std::vector<std::string> dropped;
  std::size_t hidden_rekeyed = 0;  // hidden addresses re-made from a roster key
  std::vector<std::string> hidden_renamed;  // handles of those renamed instead
};

// `old_state` under its embedded HMAC key -> the same state (lineage,
// serial, last_apply) under `key`. Does not bump the serial.
[[nodiscard]] StateFile rekey_state(const StateFile& old_state, const StateKey& key,
                                    const RekeyInput& input, RekeyReport& report);

// CurrentValues for every resource of `state` found in `current` by its
// Healthie user id, for the fields the state manages.
[[nodiscard]] CurrentValues current_field_values(const StateFile& state,
                                                 const engine::CurrentState& current,
                                                 const Schemas& schemas);

}  // namespace rosterform::state
