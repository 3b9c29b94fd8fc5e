#pragma once
// Writing a saved plan (`plan -out`) and checking one before apply: the
// state has not moved, the plan is not too old, and no record it touches
// changed in Healthie since it was made. A plan an earlier run already
// carried out in part is resumed: only the changes not yet made are checked
// and sent (docs/apply.md, "Running a saved plan again").

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "cli/session.hpp"
#include "engine/apply/apply.hpp"
#include "state/saved_plan.hpp"

namespace rosterform::cli {

inline constexpr std::chrono::hours k_default_plan_max_age{24};

// Writes `plan` with the session's lineage, serial and roster digest, 0600;
// encrypted under the session's state key when one is configured
// (state/sealed_plan.hpp).
engine::Status write_saved_plan(const Session& session, const engine::Plan& plan,
                                const std::string& path);

engine::Result<state::SavedPlan> read_saved_plan(const Session& session, const std::string& path);

// Reads a saved plan file, plain or encrypted; `key` is the configured
// state key (nullptr: none), needed for an encrypted one.
engine::Result<state::SavedPlan> read_saved_plan_file(const std::string& path,
                                                      const state::Schemas& schemas,
                                                      const state::StateKey* key);

// What apply may do with a saved plan that passed the checks.
struct SavedPlanVerdict {
  std::string plan_hash;
  // Indexed like the plan's changes: made by an earlier run of this plan.
  std::vector<bool> already_applied;
  std::size_t already_applied_count = 0;
  // Changes the stopped run had sent but not recorded, found made in
  // Healthie: apply records them (as this user) instead of sending them.
  std::vector<std::pair<std::size_t, engine::RemoteUser>> settled;
  // Indexed like the plan's changes: how far the stopped run got with a
  // change of several calls whose record has not moved since; apply goes on
  // from the next step (engine::ApplyOptions::resume).
  std::vector<engine::ResumePoint> resume;
  bool roster_changed = false;  // the roster files differ from those planned
  [[nodiscard]] bool nothing_left() const;
};

// Refuses a stale plan and says which record moved and which of its fields
// (never their values). Re-reads only the records the plan touches, by
// identity, never the whole roster.
engine::Result<SavedPlanVerdict> check_saved_plan(Session& session, const state::SavedPlan& saved,
                                                  const std::string& path,
                                                  std::chrono::milliseconds max_age);

}  // namespace rosterform::cli
