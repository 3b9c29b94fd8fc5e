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

// One change apply asks for, whole: the provider alone decides which
// Healthie calls carry it and in which order (e.g. a staff member's profile
// update, then the membership update; a client created, then archived), so
// the engine never splits fields by name or knows a call exists.
enum class MutationKind : std::uint8_t {
  create,  // a new user with every roster field in `fields`
  update,  // an existing user: only the fields that change, `active` among them
           // when the change reactivates or deactivates the user
};

[[nodiscard]] constexpr std::string_view to_string(MutationKind kind) {
  switch (kind) {
    case MutationKind::create:
      return "create";
    case MutationKind::update:
      return "update";
  }
  return "mutation";
}

// Field values use the provider's ResourceSchema vocabulary, as in
// RemoteUser: a client's `provider` is a StaffRef's text (engine/staff_ref.hpp),
// which the provider resolves to dietitian_id.
struct Mutation {
  Kind kind = Kind::client;
  MutationKind op = MutationKind::update;
  // How every message names the record: engine::label of the change's
  // address ("client.mrn-1", "client.id:2001", "client at roster/x.yaml:3"),
  // never a key derived from PHI.
  std::string key;
  std::string user_id;        // update: the Healthie User.id
  std::string membership_id;  // staff update: OrganizationMembership.id
  Record fields;
  bool notify = false;  // create: the client's welcome email, the member's invite
  // A staff deactivation of a provider with clients: who takes them over
  // (a StaffRef's text), sent as provider_to_receive_clients.
  std::string receiver;
  // Resuming a change an earlier run of the same plan carried out in part:
  // how many steps of its call chain are done (StepReport::done), and the
  // ids they left in user_id / membership_id. The chain is the same for the
  // same mutation, so the provider starts at that step.
  std::size_t first_step = 0;
};

// One step of a change's call chain that finished, reported before the
// next step is sent, so it can be made durable (the state journal) first.
struct StepReport {
  std::size_t done = 0;        // steps of the chain now finished (this one included)
  std::string_view name;       // the finished step, e.g. "create client"
  std::string_view next;       // the step about to be sent, e.g. "archive client"
  const RemoteUser* so_far = nullptr;  // the record as Healthie holds it now
  std::span<const FieldId> carried;    // the fields the finished steps wrote
};

// Told about the steps of the mutations of one batch, by batch position.
// An error stops that mutation's chain before its next step (it fails
// with that error); nothing else is affected.
class StepObserver {
 public:
  virtual ~StepObserver() = default;
  virtual Status on_step(std::size_t batch_index, const StepReport& step) = 0;
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

  // Runs independent mutations concurrently, each as its chain of calls;
  // results are in batch order, each the record as Healthie holds it
  // afterwards, or an error naming the record's key, the step and, for a
  // validation failure, the field. Each finished step but the last is told
  // to `steps` before the next one is sent. A call whose outcome is unknown
  // (timeout, reset, lost answer) is settled by looking the record up and is
  // never sent again, so no change is ever made twice.
  virtual std::vector<Result<RemoteUser>> apply(std::span<const Mutation> batch,
                                                StepObserver& steps) = 0;

  // The record whose identity fields match (client: email, first and last
  // name; staff: email), active or archived; nullopt when there is none.
  virtual Result<std::optional<RemoteUser>> find_by_identity(Kind kind, const Record& identity) = 0;

  Result<RemoteUser> apply_one(const Mutation& mutation, StepObserver& steps) {
    return std::move(apply(std::span<const Mutation>(&mutation, 1), steps).front());
  }
  // For callers that keep no journal (tools, tests).
  Result<RemoteUser> apply_one(const Mutation& mutation) {
    NoSteps none;
    return apply_one(mutation, none);
  }

 private:
  struct NoSteps final : StepObserver {
    Status on_step(std::size_t, const StepReport&) override { return {}; }
  };
};

}  // namespace rosterform::engine
