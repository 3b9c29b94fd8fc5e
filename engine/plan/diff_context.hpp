#pragma once
// The working set of one diff, shared by its stages (matching, changes,
// checks, side effects, ordering, guard rails). Internal to engine/plan.

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/plan/diff.hpp"
#include "engine/plan/matching.hpp"
#include "engine/plan/staff_directory.hpp"

namespace rosterform::engine {

struct DiffContext {
  explicit DiffContext(const PlanInputs& inputs);

  const PlanInputs& in;
  KindInputs staff;
  KindInputs clients;
  Matching staff_match;
  Matching client_match;
  std::unique_ptr<StaffDirectory> directory;
  // Per Healthie client: whether it is active once the plan is applied.
  std::vector<std::uint8_t> client_active_after;
  Plan plan;
  Diagnostics diags;

  [[nodiscard]] const KindInputs& of(Kind kind) const { return kind == Kind::staff ? staff : clients; }
  [[nodiscard]] const Matching& matching(Kind kind) const {
    return kind == Kind::staff ? staff_match : client_match;
  }
  [[nodiscard]] const SchemaFields& fields(Kind kind) const { return of(kind).fields; }
};

// Stages, in the order make_plan runs them.
void plan_kind(DiffContext& ctx, Kind kind);             // kind_planner.cpp
void check_staff_emails(DiffContext& ctx);      // checks.cpp
void check_staff_references(DiffContext& ctx);  // checks.cpp
void check_clients(DiffContext& ctx);           // checks.cpp
void add_side_effects(DiffContext& ctx);                 // side_effects.cpp
void hint_renames(DiffContext& ctx);                     // rename_hints.cpp
void order_changes(Plan& plan, const SchemaFields& client_fields);  // ordering.cpp
void link_dependencies(Plan& plan, const SchemaFields& client_fields);  // ordering.cpp
void apply_targets(DiffContext& ctx);                    // targets.cpp
void evaluate_guards(DiffContext& ctx);                  // guard_rails.cpp

// The active Healthie clients each departing staff member would keep, by
// StaffDirectory entry index (side_effects.cpp).
[[nodiscard]] std::vector<std::size_t> clients_left_with_departing_staff(const DiffContext& ctx);

}  // namespace rosterform::engine
