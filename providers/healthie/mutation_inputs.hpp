#pragma once
// INTERNAL to rosterform_healthie: the `input` objects of each mutation,
// built from roster fields through the field table's Healthie input names.

#include <functional>
#include <optional>
#include <string>

#include "engine/provider.hpp"
#include "engine/result.hpp"

namespace rosterform::healthie {

// Turns a `provider`/receiver reference (the text of an engine::StaffRef: a
// staff email or a Healthie id) into a Healthie user id; an error names the
// reference (staff emails are not PHI).
using ResolveStaff = std::function<engine::Result<std::string>(const std::string& reference)>;

[[nodiscard]] engine::Result<std::string> create_client_input(const engine::Mutation& m,
                                                              const ResolveStaff& resolve);
// `user_id`: the client's id, which a resumed or chained step takes from
// the steps before it.
[[nodiscard]] engine::Result<std::string> update_client_input(const engine::Mutation& m,
                                                              const std::string& user_id,
                                                              const ResolveStaff& resolve);
[[nodiscard]] std::string set_active_input(const std::string& user_id, bool active);

[[nodiscard]] std::string create_membership_input(const engine::Mutation& m,
                                                  const std::string& organization_id);
// Profile fields createOrganizationMembership does not take; nullopt if none.
[[nodiscard]] std::optional<std::string> member_profile_input(const engine::Mutation& m,
                                                              const std::string& user_id,
                                                              bool after_create);
[[nodiscard]] engine::Result<std::optional<std::string>> membership_input(
    const engine::Mutation& m, const std::string& membership_id, bool after_create,
    const ResolveStaff& resolve);

}  // namespace rosterform::healthie
