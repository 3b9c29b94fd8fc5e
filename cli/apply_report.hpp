#pragma once
// What apply says when it is done, and what it writes to the audit log:
// changes split into succeeded, failed and not attempted, named without PHI.

#include <string>

#include "engine/apply/apply.hpp"
#include "engine/plan/plan.hpp"
#include "engine/render/render_options.hpp"
#include "state/audit_log.hpp"

namespace rosterform::cli {

[[nodiscard]] std::string render_apply_report(const engine::Plan& plan,
                                              const engine::ApplyReport& report);

[[nodiscard]] state::AuditEntry audit_entry_for(const engine::Plan& plan,
                                                const engine::ApplyReport& report,
                                                const engine::render::RenderOptions& options,
                                                std::string plan_hash, std::string commit);

}  // namespace rosterform::cli
