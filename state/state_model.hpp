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
#include <optional>
#include <utility>
#include <vector>
#include <string>

#include "engine/resource_schema.hpp"

namespace rosterform::state {

// Format 1 keeps its HMAC key in the file; format 2 keeps only the
// fingerprint of an external state key. Both are read and written.
inline constexpr int k_state_format_embedded_key = 1;
inline constexpr int k_state_format_external_key = 2;
inline constexpr int k_state_format_version = k_state_format_external_key;  // the newest

struct ResourceState {
  engine::Kind kind = engine::Kind::client;
  std::string user_id;
  std::string membership_id;                     // staff only
  std::map<std::string, std::string> applied;    // field name -> hex HMAC of the value
  friend bool operator==(const ResourceState&, const ResourceState&) = default;
};

// What the state remembers of the plan apply last carried out, so that one
// saved plan is never carried out twice: a second run of the same plan file
// skips the changes recorded here and makes only the rest (docs/apply.md,
// "Running a saved plan again").
struct PlanProgress {
  std::string plan_hash;             // state::plan_hash of the plan
  std::uint64_t base_serial = 0;     // the serial the plan was made against
  std::size_t changes = 0;           // how many changes the plan has
  std::vector<std::size_t> done;     // indices of the changes that succeeded, ascending
  // Indices of the changes that were sent, ascending: one started but not
  // done may have reached Healthie when the run stopped (its outcome is
  // unknown, and a resumed run looks it up instead of sending it blind).
  std::vector<std::size_t> started;
  // Changes whose call chain stopped part way (a client created but not
  // yet archived): how far each got, ascending by change. A resumed run goes
  // on at the next step, on these ids, if the record has not moved since.
  struct StepMark {
    std::size_t change = 0;
    std::size_t done = 0;  // steps of the chain finished (engine::StepReport::done)
    std::string user_id;
    std::string membership_id;
    std::string updated_at;  // the record's updated_at after the last of them
    friend bool operator==(const StepMark&, const StepMark&) = default;
  };
  std::vector<StepMark> steps;
  [[nodiscard]] bool complete() const { return done.size() == changes; }
  [[nodiscard]] const StepMark* steps_of(std::size_t index) const;
  [[nodiscard]] bool is_done(std::size_t index) const;
  [[nodiscard]] bool is_started(std::size_t index) const;
  friend bool operator==(const PlanProgress&, const PlanProgress&) = default;
};

struct StateFile {
  int format_version = k_state_format_embedded_key;  // follows key_fingerprint when encoded
  std::string lineage;  // random id, fixed for the life of this state
  std::uint64_t serial = 0;  // incremented on every write
  std::string hmac_key;  // hex, 32 bytes: random, or derived from the state key; in memory always
  // Non-empty: the HMAC key is derived from an external state key with this
  // fingerprint (state::key_fingerprint), and is never written.
  std::string key_fingerprint;
  [[nodiscard]] bool external_key() const { return !key_fingerprint.empty(); }
  // Address ("staff.<key>" / "client.<key>") -> resource.
  std::map<std::string, ResourceState> resources;
  std::optional<PlanProgress> last_apply;
  friend bool operator==(const StateFile&, const StateFile&) = default;
};

// One line of the journal: the outcome of one successful mutation, written
// before the next one starts so that a killed apply loses nothing.
//
// `begin` opens the run of a plan (`plan_hash`, `base_serial`, `changes`);
// `start` is written before a change is sent (`change`); each later upsert
// or remove names the index of the plan change it records (`change`), so
// that the state knows which changes of that plan are made, and which were
// in flight when a run stopped.
struct JournalEntry {
  // step: a change's call chain got part way; upserts the resource as the
  // finished steps left it and records how far it got (PlanProgress::steps).
  enum class Op : std::uint8_t { upsert, remove, begin, start, step };
  JournalEntry() = default;
  JournalEntry(Op o, std::string a, ResourceState r = {})
      : op(o), address(std::move(a)), resource(std::move(r)) {}

  Op op = Op::upsert;
  std::string address;     // upsert, remove
  ResourceState resource;  // upsert only
  std::optional<std::size_t> change;  // upsert, remove, start: the plan change
  std::string plan_hash;              // begin
  std::uint64_t base_serial = 0;      // begin
  std::size_t changes = 0;            // begin
  std::size_t steps_done = 0;         // step
  std::string updated_at;             // step
};

// "staff.jones@clinic.example", "client.mrn-10442".
[[nodiscard]] std::string address_of(engine::Kind kind, const std::string& key);

// Folds journal entries into `state` in order. Does not bump the serial.
// An upsert drops any other entry of the same kind for the same Healthie
// user: one user is managed under one address, never two.
void apply_journal(StateFile& state, const std::vector<JournalEntry>& entries);

}  // namespace rosterform::state
