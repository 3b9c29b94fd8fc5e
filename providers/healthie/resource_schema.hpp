#pragma once
// Healthie's two resource kinds, described field by field for the engine.
//
// This table is the single source of truth for a roster field: the loader
// validates with it, the diff decides what may be updated with it, rendering
// decides what is PHI with it, and `rosterform schema` turns it into a JSON
// Schema. Adding a field here adds it everywhere.

#include "engine/resource_schema.hpp"

namespace rosterform::healthie {

[[nodiscard]] const engine::ResourceSchema& staff_schema();
[[nodiscard]] const engine::ResourceSchema& client_schema();
[[nodiscard]] const engine::ResourceSchema& schema_for(engine::Kind kind);

}  // namespace rosterform::healthie
