#pragma once
// The diff: desired roster + Healthie's current state + the state file ->
// an ordered Plan, or the diagnostics that explain why no plan can be made.
// No network: everything arrives as plain data (docs/ARCHITECTURE.md).

#include <string>
#include <vector>

#include "engine/current_state.hpp"
#include "engine/desired_state.hpp"
#include "engine/diagnostics.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/prior_state.hpp"
#include "engine/resource_schema.hpp"

namespace rosterform::engine {

// Each override lifts exactly one guard rule (GuardRule), never the others.
struct GuardOverrides {
  bool mass_deactivation = false;      // -allow-mass-deactivation
  bool protected_accounts = false;     // -allow-protected-deactivation
  bool provider_with_clients = false;  // -allow-orphaned-clients
  bool mass_update = false;            // -allow-mass-update
  bool mass_reassignment = false;      // -allow-mass-reassignment
  bool no_admin = false;               // -allow-no-admin
};

struct PlanOptions {
  // -target: addresses ("client.mrn-1") or bare keys; empty means everything.
  std::vector<std::string> targets;
  bool refresh_only = false;
  GuardOverrides overrides;
};

struct PlanInputs {
  const DesiredState& desired;
  const CurrentState& current;
  const PriorState& prior;
  const ResourceSchema& staff_schema;
  const ResourceSchema& client_schema;
  // Bound to the state's HMAC key. Null: no drift detection and no field
  // digests in fingerprints (there is no state to compare with).
  const ValueHasher* hasher = nullptr;
  PlanOptions options;
};

struct PlanOutcome {
  Plan plan;
  // Errors mean there is no plan to show or apply: an ambiguous match, a
  // staff/client email clash, an unresolved provider, a client left with a
  // deactivated provider, a managed user Healthie no longer returns, an
  // unknown -target. Guard-rail refusals are not errors: they are in
  // plan.guards, so the plan can still be shown with the verdict.
  Diagnostics diagnostics;
};

[[nodiscard]] PlanOutcome make_plan(const PlanInputs& inputs);

}  // namespace rosterform::engine
