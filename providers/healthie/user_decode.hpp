#pragma once
// INTERNAL to rosterform_healthie: turning Healthie's User and
// OrganizationMembership objects into engine::RemoteUser, in the field
// vocabulary of resource_schema.cpp. Values are PHI; nothing here logs.

#include <string>
#include <unordered_map>

#include "engine/current_state.hpp"
#include "providers/healthie/json_document.hpp"

namespace rosterform::healthie {

// Staff user id -> lower-cased email, to express a client's dietitian_id as
// the roster's `provider` reference.
using StaffEmails = std::unordered_map<std::string, std::string>;

// A client (User). False when the object has no id.
[[nodiscard]] bool decode_client(simdjson::dom::element user, const StaffEmails& staff,
                                 engine::RemoteUser& out);

// A staff member from an OrganizationMembership with its `user`.
[[nodiscard]] bool decode_membership(simdjson::dom::element membership, engine::RemoteUser& out);

// A staff member from a User with an optional organization_membership.
[[nodiscard]] bool decode_member_user(simdjson::dom::element user, engine::RemoteUser& out);

[[nodiscard]] std::string lower(std::string_view text);

}  // namespace rosterform::healthie
