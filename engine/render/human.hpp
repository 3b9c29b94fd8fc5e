#pragma once
// The Terraform-like plan for people: a legend of the symbols in use, the
// drift section ("changed outside rosterform"), each change with its reason,
// side effects and changed fields ("(N unchanged fields hidden)"), the
// unmanaged users, the guard-rail verdicts, and a last line that is either
// "Plan: ..." or "No changes.".

#include <string>

#include "engine/plan/plan.hpp"
#include "engine/render/render_options.hpp"

namespace rosterform::engine::render {

[[nodiscard]] std::string render_human(const Plan& plan, const RenderOptions& options);

}  // namespace rosterform::engine::render
