#pragma once
// The plan as a pull-request comment (`plan -markdown`), laid out as PR
// comment tools lay out Terraform plans (Atlantis, tfcmt):
//
//   1. a hidden marker, `<!-- rosterform:plan workspace=NAME -->`, always the
//      first line, by which CI finds its own comment and edits it in place;
//   2. outside any fold: the verdict line (counts of every action, drift,
//      each guard rule's verdict) and the binding line (workspace, commit,
//      plan hash, state lineage and serial, Healthie API version, rosterform
//      version), then any -target warning and guard-rail refusal;
//   3. drift, then one `<details>` block per action group, each change named
//      by its non-PHI handles and masked exactly as in the JSON plan;
//   4. the unmanaged count and a footer saying what merging does and how to
//      re-plan.
//
// The comment fits `budget` (characters and UTF-8 bytes, comment_budget.hpp):
// when the changes do not, it is cut between changes, never inside one, and
// says how many were left out and where the full masked plan is. Sensitive
// values are never shown; -show-sensitive does not apply here.

#include <string>

#include "engine/plan/plan.hpp"
#include "engine/render/comment_budget.hpp"
#include "engine/render/plan_binding.hpp"
#include "engine/render/render_options.hpp"

namespace rosterform::engine::render {

[[nodiscard]] std::string render_markdown(const Plan& plan, const RenderOptions& options,
                                          const PlanBinding& binding = {},
                                          CommentBudget budget = {});

// The marker line, without its newline: what CI searches comments for.
[[nodiscard]] std::string markdown_marker(std::string_view workspace);

}  // namespace rosterform::engine::render
