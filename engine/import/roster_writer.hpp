#pragma once
// Roster YAML from Healthie's current state: how an existing account starts
// using rosterform (`rosterform import`). The files are what a person would
// write by hand, in the format docs/roster-format.md defines, so that the
// next plan reads them back as "No changes".

#include <string>
#include <vector>

#include "engine/current_state.hpp"
#include "engine/resource_schema.hpp"

namespace rosterform::engine {

// Staff, sorted by email. `active: false` only for deactivated members.
[[nodiscard]] std::string staff_roster_yaml(const std::vector<RemoteUser>& staff,
                                            const ResourceSchema& schema);

// Clients, sorted by Healthie id, each with the explicit key
// `healthie-<id>`, so its address in plans and state carries no PHI and
// survives a change of email or name. Each client's provider is written as
// Healthie has it; where the roster says less than Healthie holds (no
// provider, or one this key cannot read as staff) or names a deactivated or
// Support member, a comment on the entry says what import chose and why
// (docs/roster-format.md, "Importing"). `staff` is the same read's staff.
[[nodiscard]] std::string clients_roster_yaml(const std::vector<RemoteUser>& clients,
                                              const ResourceSchema& schema,
                                              const std::vector<RemoteUser>& staff,
                                              const ResourceSchema& staff_schema);

[[nodiscard]] std::string imported_client_key(const RemoteUser& client);

}  // namespace rosterform::engine
