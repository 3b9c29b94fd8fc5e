#pragma once
// The machine-readable plan (`plan -json`), format documented and versioned
// in docs/plan-format.md. Sensitive values are never written: a sensitive
// field carries "sensitive": true and its "changed" marker, and no
// "before"/"after". -show-sensitive does not apply here.

#include <string>
#include <string_view>

#include "engine/diagnostics.hpp"
#include "engine/plan/plan.hpp"
#include "engine/render/plan_binding.hpp"
#include "engine/render/render_options.hpp"

namespace rosterform::engine::render {

inline constexpr std::string_view k_plan_format_version = "1.3";

// `diagnostics` are written under "errors"/"warnings"; a plan with errors is
// not applyable and its changes are omitted. `binding` is written under
// "binding"; `resource_changes` repeats the changes in Terraform's shape
// (json_resource_changes.hpp).
[[nodiscard]] std::string render_json(const Plan& plan, const Diagnostics& diagnostics,
                                      const RenderOptions& options,
                                      const PlanBinding& binding = {});

}  // namespace rosterform::engine::render
