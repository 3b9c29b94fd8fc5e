#pragma once
// Records apply's progress in the state: each success is appended to the
// journal (fsynced) before apply may start another change, and folded into
// an in-memory copy that finish() saves as the next serial. A kill -9
// between the two leaves a journal that the next load folds in.

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "engine/apply/apply.hpp"
#include "state/backend.hpp"
#include "state/hmac_hasher.hpp"
#include "state/prior_state_view.hpp"

namespace rosterform::state {

// Which plan a run carries out: recorded in the journal when it begins and
// in the state as its progress (StateFile::last_apply).
struct PlanRun {
  std::string plan_hash;
  std::uint64_t base_serial = 0;  // the serial the plan was made against
  std::size_t changes = 0;
};

class StateRecorder final : public engine::ApplyObserver {
 public:
  StateRecorder(Backend& backend, StateFile state, Schemas schemas);

  // Call before apply starts. A state that does not exist yet is saved
  // first (serial 0): its lineage and HMAC key must be durable before any
  // journal line depends on them. Then the plan's run is journalled.
  engine::Status begin(bool state_exists, const PlanRun& run);

  // Before each change, confirm that `held` is still this run's lock
  // (Backend::confirm_lock): a team backend's lock can be lost mid-apply.
  void guard(LockInfo held) { m_lock = std::move(held); }

  engine::Status on_start(std::size_t index, const engine::Change& change) override;
  engine::Status on_step(std::size_t index, const engine::Change& change,
                         const engine::StepReport& step) override;
  engine::Status on_success(std::size_t index, const engine::Change& change,
                            const engine::RemoteUser& after) override;

  // Saves the state with the serial bumped. Call once, after apply returns.
  engine::Status finish();

  [[nodiscard]] const StateFile& state() const { return m_state; }

 private:
  // `carried`: record the applied value of these fields only (the steps
  // of a change that got part way); nullptr: of every field the change sets.
  [[nodiscard]] JournalEntry entry_for(const engine::Change& change, const engine::RemoteUser& after,
                                       std::span<const engine::FieldId>* carried = nullptr) const;

  Backend& m_backend;
  StateFile m_state;
  Schemas m_schemas;
  HmacHasher m_hasher;
  std::optional<LockInfo> m_lock;
};

}  // namespace rosterform::state
