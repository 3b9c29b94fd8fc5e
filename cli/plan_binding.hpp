#pragma once
// Gathers what binds a rendered plan to its inputs (engine/render/
// plan_binding.hpp): engine/ prints it but may not ask git or the state.

#include <string>

#include "cli/session.hpp"
#include "engine/render/plan_binding.hpp"
#include "state/saved_plan.hpp"

namespace rosterform::cli {

// A plan this session just made: the workspace's name and git commit, the
// plan hash, the state's lineage and serial, and the Healthie API version.
[[nodiscard]] engine::render::PlanBinding plan_binding(Session& session, const engine::Plan& plan,
                                                       std::string full_plan_url);

// A saved plan read back (`show -json PLANFILE`): its hash and the state it
// was made from. The commit and API version are not recorded in the file,
// so they are left empty rather than guessed from today's checkout.
[[nodiscard]] engine::render::PlanBinding saved_plan_binding(const state::SavedPlan& saved,
                                                             const std::string& workspace_dir);

// `state.workspace` of the workspace in `dir`, "default" when unset or when
// there is no rosterform.yaml.
[[nodiscard]] std::string workspace_name(const std::string& dir);

}  // namespace rosterform::cli
