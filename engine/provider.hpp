#pragma once
// The boundary between the engine and a remote system. The engine plans and
// applies through this interface only, so it is tested with fakes and never
// links an HTTP or JSON library (docs/ARCHITECTURE.md).
//
// Read side: preflight, then a complete read. Write side: the mutations
// apply needs, run as a batch so independent changes go out concurrently,
// and a look-up by identity.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/current_state.hpp"
#include "engine/record.hpp"
#include "engine/result.hpp"

namespace rosterform::engine {

enum class MutationKind : std::uint8_t {
  create_client,      // fields: every roster field of the client
  update_client,      // fields: only the changed ones (never `active`)
  archive_client,     // updateClient active: false
  unarchive_client,   // updateClient active: true
  create_member,      // fields: every roster field of the staff member
  update_member,      // profile fields that changed (updateOrganizationMember)
  update_membership,  // active / org_role / is_admin that changed (updateOrganizationMembership)
};

[[nodiscard]] constexpr std::string_view to_string(MutationKind kind) {
  switch (kind) {
    case MutationKind::create_client:
      return "create client";
    case MutationKind::update_client:
      return "update client";
    case MutationKind::archive_client:
      return "archive client";
    case MutationKind::unarchive_client:
      return "unarchive client";
    case MutationKind::create_member:
      return "create staff member";
    case MutationKind::update_member:
      return "update staff member";
    case MutationKind::update_membership:
      return "update staff membership";
  }
  return "mutation";
}

// One change apply asks for. Field values use the provider's ResourceSchema
// vocabulary, as in RemoteUser: a client's `provider` is a staff reference
// (engine/staff_ref.hpp), which the provider resolves to dietitian_id.
struct Mutation {
  MutationKind kind = MutationKind::update_client;
  // How every message names the record: engine::label of the change's
  // address ("client.mrn-1", "client.id:2001", "client at roster/x.yaml:3"),
  // never a key derived from PHI.
  std::string key;
  std::string user_id;        // updates, archive, unarchive: the Healthie User.id
  std::string membership_id;  // update_membership: OrganizationMembership.id
  Record fields;
  bool notify = false;  // create_client: send the welcome email; create_member: the invite
  // update_membership deactivating a provider with clients: who takes them
  // over (a StaffRef's text), sent as provider_to_receive_clients.
  std::string receiver;
};

class Provider {
 public:
  virtual ~Provider() = default;

  // Checks the credentials and the API version before anything else and
  // returns who the key belongs to. A key that authenticates as nobody is an
  // error here, never an empty roster later.
  virtual Result<Caller> preflight() = 0;

  // Reads every staff member and client the key can see, active and
  // archived, in the vocabulary of the provider's ResourceSchema. Either the
  // whole state or an error: never a partial read.
  virtual Result<CurrentState> read_current_state() = 0;

  // Runs independent mutations concurrently; results are in batch order,
  // each the record as Healthie holds it afterwards, or an error naming the
  // record's key and, for a validation failure, the field. A mutation whose
  // outcome is unknown (timeout, reset, lost answer) is settled by looking
  // the record up and is never sent again, so no change is ever made twice.
  virtual std::vector<Result<RemoteUser>> apply(std::span<const Mutation> batch) = 0;

  // The record whose identity fields match (client: email, first and last
  // name; staff: email), active or archived; nullopt when there is none.
  virtual Result<std::optional<RemoteUser>> find_by_identity(Kind kind, const Record& identity) = 0;

  Result<RemoteUser> apply_one(const Mutation& mutation) {
    return std::move(apply(std::span<const Mutation>(&mutation, 1)).front());
  }
};

}  // namespace rosterform::engine
