#pragma once
// What the provider read from Healthie: every staff member and every client
// the key can see, active and archived. The plan is computed from this, so a
// provider must only ever return a *complete* CurrentState (see
// docs/ARCHITECTURE.md, "completeness is a precondition").

#include <optional>
#include <string>
#include <vector>

#include "engine/record.hpp"

namespace rosterform::engine {

struct RemoteUser {
  Kind kind = Kind::client;
  std::string user_id;        // Healthie User.id (opaque)
  std::string membership_id;  // staff only: OrganizationMembership.id
  std::string updated_at;     // as Healthie returned it; part of a record's fingerprint
  Record fields;              // field values in the provider's ResourceSchema for `kind`

  // Whether the user is active (false: an archived client or a deactivated
  // member) and whether a member is an organization admin. Like every other
  // managed value these live in `fields` alone, as "true"/"false", so the
  // diff, the state and the saved plan read one value. `field` is the
  // schema's id for the fact (SchemaFields::active, SchemaFields::is_admin);
  // a schema without that field, or a record without a value for it, reads
  // as Healthie's default: active, and not an admin.
  [[nodiscard]] bool is_active(std::optional<FieldId> field) const {
    return !field || fields.get(*field).value_or("true") != "false";
  }
  [[nodiscard]] bool is_admin(std::optional<FieldId> field) const {
    return field && fields.get(*field).value_or("false") == "true";
  }
};

// The API key's own user and what it may do; recorded by the preflight.
struct Caller {
  std::string user_id;
  std::string organization_id;
  bool is_admin = false;  // may manage organization members
  std::string org_role;   // the key's membership role, e.g. Standard or Support; may be empty
};

struct CurrentState {
  Caller caller;
  std::vector<RemoteUser> staff;
  std::vector<RemoteUser> clients;
};

}  // namespace rosterform::engine
