#pragma once
// A saved plan (`rosterform plan -out FILE`): exactly the changes a reviewer
// approved, and what apply needs to refuse it once the world has moved.
//
// Besides the Plan it records the state's lineage and serial, a digest of
// the roster files, and when it was made; each change already carries the
// fingerprint of the Healthie record it touches. A digest over the whole
// content seals it: apply refuses a file edited after it was written. The
// file holds the planned
// values, PHI included, because apply must send them: it is written 0600,
// and it is never meant for a pull request (use -json or -markdown there,
// which mask). Format: docs/plan-format.md, "Saved plans".

#include <cstdint>
#include <string>

#include "engine/plan/plan.hpp"
#include "engine/result.hpp"
#include "state/prior_state_view.hpp"

namespace rosterform::state {

inline constexpr int k_saved_plan_format_version = 2;

struct SavedPlan {
  std::string lineage;
  std::uint64_t serial = 0;
  bool state_present = false;  // false: planned before any state existed
  std::string roster_digest;   // SHA-256 over the roster files, in load order
  std::int64_t created_unix = 0;
  std::string created;  // RFC 3339, UTC
  engine::Plan plan;
};

[[nodiscard]] std::string encode_saved_plan(const SavedPlan& saved, const Schemas& schemas);
[[nodiscard]] engine::Result<SavedPlan> decode_saved_plan(std::string_view text,
                                                          const std::string& origin,
                                                          const Schemas& schemas);

// SHA-256 of the plan's changes as encoded: what the audit log records and
// what an approval can be bound to.
[[nodiscard]] std::string plan_hash(const engine::Plan& plan, const Schemas& schemas);

}  // namespace rosterform::state
