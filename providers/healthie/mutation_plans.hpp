#pragma once
// INTERNAL to rosterform_healthie: which calls each engine::Mutation becomes,
// and how each call's unknown outcome is settled.

#include "engine/current_state.hpp"
#include "providers/healthie/api_version.hpp"
#include "providers/healthie/mutation_inputs.hpp"
#include "providers/healthie/mutation_runner.hpp"
#include "providers/healthie/user_decode.hpp"

namespace rosterform::healthie {

struct PlanContext {
  ApiShape shape = ApiShape::connections;
  const engine::Caller* caller = nullptr;
  const StaffEmails* staff_emails = nullptr;
  ResolveStaff resolve;
};

[[nodiscard]] PlannedMutation plan_mutation(const engine::Mutation& m, const PlanContext& ctx);

// The client look-up, shared with find_by_identity (members: member_lookup.hpp).
[[nodiscard]] std::optional<engine::RemoteUser> find_client(const JsonDocument& doc,
                                                            const engine::Record& identity,
                                                            const StaffEmails& staff);
[[nodiscard]] std::string search_variables(engine::Kind kind, const engine::Record& identity);

}  // namespace rosterform::healthie
