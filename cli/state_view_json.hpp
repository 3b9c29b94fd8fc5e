#pragma once
// `rosterform show -json` without a plan: what the state manages, for
// scripts and policy tools (format in docs/state-format.md, "show -json").
//
// Only what is not PHI: each entry's handle (never the hidden `client.h:…`
// address, as `state list`), kind, Healthie ids and the names of the managed
// fields; the lineage, serial and the last apply's progress. Never the
// fields' HMAC digests nor the state's key: with the key, a digest of a
// date of birth can be tested against every date offline, and a reviewer
// needs neither (drift is the plan's job).

#include <string>

#include "state/state_model.hpp"

namespace rosterform::cli {

struct StateViewSource {
  std::string workspace;  // state.workspace
  std::string backend;    // state.backend
  bool present = false;   // false: no state has been written yet
};

[[nodiscard]] std::string state_view_json(const state::StateFile& s, const StateViewSource& from);

}  // namespace rosterform::cli
