#pragma once
// How one planned Change becomes the one Mutation that asks the provider to
// carry it out. The engine says *what* should become true of the user (a new
// user with these fields; these fields changed; active again; deactivated,
// with who takes over its clients); the provider alone decides which calls
// do it and in which order (docs/ARCHITECTURE.md, "call chains"). An adopt or
// forget with nothing to change needs no mutation: it only updates the state.

#include <optional>

#include "engine/plan/plan.hpp"
#include "engine/provider.hpp"
#include "engine/resource_schema.hpp"

namespace rosterform::engine {

[[nodiscard]] std::optional<Mutation> mutation_for(const Change& change,
                                                   const ResourceSchema& schema);

}  // namespace rosterform::engine
