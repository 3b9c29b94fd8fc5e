#pragma once
// What the diff needs from the state file, as plain data, and the hashing
// seam the state library implements. The engine never links OpenSSL and never
// parses the state file: state/ converts its StateFile into a PriorState and
// hands the diff a ValueHasher bound to the state's HMAC key.
//
// Contract for the state library (issue 7):
//   * One ManagedRecord per resource in the state, `key` being the roster key
//     without the kind prefix (StateFile address "client.mrn-1" -> kind client,
//     key "mrn-1").
//   * `applied` holds, for each field rosterform last applied, the digest the
//     state keeps: HMAC-SHA256(state hmac_key, value) where `value` is the
//     exact string the plan's FieldChange::after carried for that field when
//     it was applied (for a reference field, the staff email, lower-cased).
//     Convert each hex digest with `parse_field_digest`; only its first 8
//     bytes are kept: a 2^-64 chance of missing one drifted field is ample
//     to tell "same" from "changed", and it keeps the applied digests of a
//     million clients near 80 MB.
//   * ValueHasher::hex_digest(value) must return the same hex HMAC-SHA256 as
//     the one stored, under the same key.
//   * `present` is false when there is no state yet (first run): every match
//     is then an adoption.
// The diff calls the hasher only for fields whose Healthie value differs
// from the roster (to tell drift from intended change), and once per touched
// record for its fingerprint, so hashing cost follows the plan, not the roster.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/record.hpp"
#include "engine/resource_schema.hpp"

namespace rosterform::engine {

using FieldDigest = std::array<std::uint8_t, 8>;

struct AppliedField {
  FieldId field = 0;
  FieldDigest digest{};
};

struct ManagedRecord {
  Kind kind = Kind::client;
  std::string key;
  std::string user_id;
  std::string membership_id;          // staff only
  std::vector<AppliedField> applied;  // sorted by field

  [[nodiscard]] const FieldDigest* find(FieldId field) const;
};

struct PriorState {
  bool present = false;
  std::string lineage;
  std::uint64_t serial = 0;
  std::vector<ManagedRecord> records;
};

// A keyed digest of a value, implemented by the state library with
// HMAC-SHA256 under the state's key. Tests use a fake.
class ValueHasher {
 public:
  virtual ~ValueHasher() = default;
  // Lower-case hex of HMAC-SHA256(key, `value`).
  [[nodiscard]] virtual std::string hex_digest(std::string_view value) const = 0;

  // The key under which the state keeps a record whose roster key is PHI (a
  // derived client key, "rid:..." or "email:..."): "h:" followed by the
  // first 32 hex digits of hex_digest("key:" + key). state::stored_key
  // writes the same; the diff looks such records up with it.
  [[nodiscard]] virtual std::string hidden_key(std::string_view key) const;
};

// The first 8 bytes of a hex digest; nullopt unless `hex` is at least 16
// hex characters.
[[nodiscard]] std::optional<FieldDigest> parse_field_digest(std::string_view hex);

// Whether `hasher` gives `value` the digest recorded in `applied`.
[[nodiscard]] bool digest_matches(const ValueHasher& hasher, const FieldDigest& applied,
                                  std::string_view value);

// The message a record's fingerprint digests: every field of `fields` in
// FieldId order as "<id>=<value>\n". Stable across runs and platforms.
[[nodiscard]] std::string fingerprint_message(const Record& fields);

}  // namespace rosterform::engine
