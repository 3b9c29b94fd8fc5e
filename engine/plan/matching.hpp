#pragma once
// Identity matching: which Healthie user, and which state entry, each roster
// entry is about. See matching.cpp for the rules.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "engine/current_state.hpp"
#include "engine/desired_state.hpp"
#include "engine/diagnostics.hpp"
#include "engine/plan/prior_state.hpp"
#include "engine/plan/schema_fields.hpp"

namespace rosterform::engine {

inline constexpr std::uint32_t k_no_index = std::numeric_limits<std::uint32_t>::max();

enum class MatchedBy : std::uint8_t {
  none,               // not in Healthie: create
  state,              // the state file names its Healthie user
  email,              // staff: work email
  record_identifier,  // client: the practice's record number
  email_and_name,     // client: email, first and last name (Healthie's own uniqueness)
};

struct Match {
  std::uint32_t remote = k_no_index;  // into the kind's RemoteUser list
  std::uint32_t prior = k_no_index;   // into PriorState::records
  MatchedBy by = MatchedBy::none;
  std::string moved_from;  // the `previously` key or email that matched
  bool failed = false;     // matching reported an error for this entry
};

// Everything the diff needs about one kind.
struct KindInputs {
  Kind kind = Kind::client;
  SchemaFields fields;
  const std::vector<DesiredUser>* desired = nullptr;
  const std::vector<RemoteUser>* remote = nullptr;
  const PriorState* prior = nullptr;
  bool declared = false;
  // Finds state entries kept under a hidden key (ValueHasher::hidden_key).
  const ValueHasher* hasher = nullptr;
};

struct Matching {
  std::vector<Match> desired;            // parallel to *KindInputs::desired
  std::vector<std::uint32_t> remote_owner;  // remote -> desired index, or k_no_index
  std::vector<std::uint32_t> remote_prior;  // remote -> prior record, or k_no_index
  std::vector<std::uint32_t> prior_of_kind;  // indices of this kind's prior records
  std::vector<bool> prior_claimed;       // parallel to prior_of_kind
};

// Matches every entry of `in`; reports ambiguous and conflicting matches,
// and state entries whose Healthie user is gone, into `diags`.
[[nodiscard]] Matching match_users(const KindInputs& in, Diagnostics& diags);

// "client at roster/clients.yaml:12" for a PHI key, "staff.jones@x" otherwise;
// how messages name a roster entry without leaking PHI.
[[nodiscard]] std::string describe_entry(const DesiredUser& d);

// How a diagnostic that already starts with the entry's location names the
// entry: "staff.jones@x", "client.mrn-1", or "client entry" for a PHI key.
[[nodiscard]] std::string entry_label(const DesiredUser& d);

// "client.mrn-1"; a derived client key is replaced by a placeholder.
[[nodiscard]] std::string message_address(Kind kind, std::string_view key);

// Whether a client key was derived from identity fields (and so holds PHI),
// or is the hidden form the state keeps such a key under ("h:...").
[[nodiscard]] bool is_derived_client_key(Kind kind, std::string_view key);

}  // namespace rosterform::engine
