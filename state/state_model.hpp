#pragma once
// What rosterform remembers between runs, as plain data.
//
// The state maps each managed roster key to the Healthie user it manages and
// to a fingerprint of the values rosterform last applied. Those values are
// kept only as HMAC-SHA256 digests under a random key per state (its
// `hmac_key`): the file says *whether* a field changed outside rosterform
// without holding a patient's data in plaintext. See docs/state-format.md.

#include <cstdint>
#include <map>
#include <vector>
#include <string>

#include "engine/resource_schema.hpp"

namespace rosterform::state {

inline constexpr int k_state_format_version = 1;

struct ResourceState {
  engine::Kind kind = engine::Kind::client;
  std::string user_id;
  std::string membership_id;                     // staff only
  std::map<std::string, std::string> applied;    // field name -> hex HMAC of the value
  friend bool operator==(const ResourceState&, const ResourceState&) = default;
};

struct StateFile {
  int format_version = k_state_format_version;
  std::string lineage;  // random id, fixed for the life of this state
  std::uint64_t serial = 0;  // incremented on every write
  std::string hmac_key;  // hex, 32 random bytes
  // Address ("staff.<key>" / "client.<key>") -> resource.
  std::map<std::string, ResourceState> resources;
  friend bool operator==(const StateFile&, const StateFile&) = default;
};

// One line of the journal: the outcome of one successful mutation, written
// before the next one starts so that a killed apply loses nothing.
struct JournalEntry {
  enum class Op : std::uint8_t { upsert, remove };
  Op op = Op::upsert;
  std::string address;
  ResourceState resource;  // ignored for remove
};

// "staff.jones@clinic.example", "client.mrn-10442".
[[nodiscard]] std::string address_of(engine::Kind kind, const std::string& key);

// Folds journal entries into `state` in order. Does not bump the serial.
void apply_journal(StateFile& state, const std::vector<JournalEntry>& entries);

}  // namespace rosterform::state
