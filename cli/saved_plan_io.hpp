#pragma once
// Writing a saved plan (`plan -out`) and checking one before apply: the
// state has not moved, the plan is not too old, and no record it touches
// changed in Healthie since it was made.

#include <chrono>
#include <string>

#include "cli/session.hpp"
#include "state/saved_plan.hpp"

namespace rosterform::cli {

inline constexpr std::chrono::hours k_default_plan_max_age{24};

// Writes `plan` with the session's lineage, serial and roster digest, 0600.
engine::Status write_saved_plan(const Session& session, const engine::Plan& plan,
                                const std::string& path);

engine::Result<state::SavedPlan> read_saved_plan(const Session& session, const std::string& path);

// Refuses a stale plan and says what moved. Re-reads only the records the
// plan touches, by identity, never the whole roster.
engine::Status check_not_stale(Session& session, const state::SavedPlan& saved,
                               const std::string& path, std::chrono::milliseconds max_age);

}  // namespace rosterform::cli
