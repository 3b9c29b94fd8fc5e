#pragma once
// INTERNAL to rosterform_healthie: finding one staff member by email,
// deactivated members included.
//
// organizationMembers(keywords:) would be the obvious search, but it leaves
// deactivated members out (api-facts §12.5; the simulator's default), so a
// member created and then deactivated, or one deactivated before a saved
// plan is applied, would look absent. organizationMemberships, which the
// staff read uses, lists every membership but takes no keywords in either
// API version: the look-up reads it and picks the email itself (baseline:
// one list; 2026-01-01: page after page until the member is found).

#include <string>

#include "engine/record.hpp"
#include "providers/healthie/api_version.hpp"
#include "providers/healthie/mutation_runner.hpp"

namespace rosterform::healthie {

// Finds the member whose email equals the identity's (case-insensitively).
[[nodiscard]] Lookup member_lookup(ApiShape shape, std::string organization_id,
                                   const engine::Record& identity);

}  // namespace rosterform::healthie
