#pragma once
// The bridge between the state file and the engine: the diff reads a
// PriorState (engine/plan/prior_state.hpp), apply's successes become journal
// entries. Field names in the file, FieldIds in the engine; the resource
// schemas translate.
//
// A client whose roster key is derived from identity fields ("rid:…",
// "email:…") would put PHI in the state as its address; such keys are stored
// as ValueHasher::hidden_key (engine/plan/prior_state.hpp) defines.

#include <string>

#include "engine/plan/plan.hpp"
#include "engine/plan/prior_state.hpp"
#include "engine/resource_schema.hpp"
#include "state/state_model.hpp"

namespace rosterform::state {

struct Schemas {
  const engine::ResourceSchema& staff;
  const engine::ResourceSchema& clients;
  [[nodiscard]] const engine::ResourceSchema& of(engine::Kind k) const {
    return k == engine::Kind::staff ? staff : clients;
  }
};

[[nodiscard]] engine::PriorState to_prior_state(const StateFile& state, bool present,
                                                const Schemas& schemas);

// The key under which `address` is kept in the state file.
[[nodiscard]] std::string stored_key(const engine::Address& address,
                                     const engine::ValueHasher& hasher);

}  // namespace rosterform::state
