#pragma once
// How one planned Change becomes the provider Mutations that carry it out.
//
// Most changes are one mutation. A staff update can be two, because Healthie
// keeps profile fields (updateOrganizationMember) and membership fields
// (updateOrganizationMembership: org_role, is_admin, active) behind separate
// mutations; a reactivation that also edits fields is likewise two. They run
// in the order returned, the second only once the first succeeded. A client
// the roster wants archived (`active: false`) that does not exist yet is also
// two: Healthie's createClient has no `active`, so it is created, then
// archived (updateClient active: false) with the id the create returned. An adopt
// or forget with nothing to change needs no mutation at all: it only updates
// the state.

#include <vector>

#include "engine/plan/plan.hpp"
#include "engine/provider.hpp"
#include "engine/resource_schema.hpp"

namespace rosterform::engine {

[[nodiscard]] std::vector<Mutation> mutations_for(const Change& change, const ResourceSchema& schema);

// The staff fields of updateOrganizationMembership (FieldSpec::call_group 1,
// from the provider's field table); every other staff field is a profile
// field of updateOrganizationMember.
[[nodiscard]] bool is_membership_field(const FieldSpec& spec);

// A client create whose roster entry says `active: false`: created, then archived.
[[nodiscard]] bool creates_archived(const Change& change, const ResourceSchema& schema);

}  // namespace rosterform::engine
