#include "state/state_recorder.hpp"

#include <algorithm>

namespace rosterform::state {

StateRecorder::StateRecorder(Backend& backend, StateFile state, Schemas schemas)
    : m_backend(backend),
      m_state(std::move(state)),
      m_schemas(schemas),
      m_hasher(m_state.hmac_key) {}

// What the state keeps after a change: which Healthie user the key manages,
// and a keyed digest of each value rosterform applied. A user deactivated
// because its entry left the roster, or forgotten, leaves the state: Healthie
// keeps it archived and unmanaged, and re-adding the entry later finds it
// again by identity. A deactivation the roster asks for (`active: false`)
// stays managed.
JournalEntry StateRecorder::entry_for(const engine::Change& change,
                                      const engine::RemoteUser& after,
                                      std::span<const engine::FieldId>* carried) const {
  JournalEntry e;
  e.address = address_of(change.address.kind, stored_key(change.address, m_hasher));
  if (change.leaves_roster) {
    e.op = JournalEntry::Op::remove;
    return e;
  }
  auto previous = m_state.resources.find(e.address);
  if (previous == m_state.resources.end() && !change.moved_from.empty()) {
    engine::Address old = change.address;
    old.key = change.moved_from;
    previous = m_state.resources.find(address_of(old.kind, stored_key(old, m_hasher)));
  }
  if (previous != m_state.resources.end()) {
    e.resource = previous->second;
  }
  e.resource.kind = change.address.kind;
  e.resource.user_id = after.user_id.empty() ? change.address.user_id : after.user_id;
  std::string membership = after.membership_id.empty() ? change.membership_id : after.membership_id;
  e.resource.membership_id = change.address.kind == engine::Kind::staff ? membership : "";
  const engine::ResourceSchema& schema = m_schemas.of(change.address.kind);
  for (const engine::FieldChange& f : change.fields) {
    bool written = carried == nullptr ||
                   std::find(carried->begin(), carried->end(), f.field) != carried->end();
    if (f.after && written) {
      e.resource.applied[std::string(schema.at(f.field).name)] = m_hasher.hex_digest(*f.after);
    }
  }
  return e;
}

// The user as the finished steps left it, and how far the change got, so
// a run that stops before the next step leaves a state that knows the user
// exists (never a stranger to adopt) and a saved plan that resumes there.
engine::Status StateRecorder::on_step(std::size_t index, const engine::Change& change,
                                      const engine::StepReport& step) {
  const engine::RemoteUser none;
  const engine::RemoteUser& so_far = step.so_far != nullptr ? *step.so_far : none;
  std::span<const engine::FieldId> carried = step.carried;
  JournalEntry e = change.leaves_roster ? JournalEntry() : entry_for(change, so_far, &carried);
  if (change.leaves_roster) {
    // A removal keeps its entry until it is done: the user is still managed.
    e.address = address_of(change.address.kind, stored_key(change.address, m_hasher));
    if (auto previous = m_state.resources.find(e.address); previous != m_state.resources.end()) {
      e.resource = previous->second;
    }
  }
  e.op = JournalEntry::Op::step;
  e.change = index;
  e.steps_done = step.done;
  e.updated_at = so_far.updated_at;
  if (e.resource.user_id.empty()) {
    e.resource.user_id = so_far.user_id;
  }
  ROSTERFORM_TRY(m_backend.append_journal(e));
  apply_journal(m_state, {e});
  return {};
}

engine::Status StateRecorder::on_start(std::size_t index, const engine::Change& change) {
  (void)change;
  if (m_lock) {
    ROSTERFORM_TRY(m_backend.confirm_lock(*m_lock));
  }
  JournalEntry started;
  started.op = JournalEntry::Op::start;
  started.change = index;
  ROSTERFORM_TRY(m_backend.append_journal(started));
  apply_journal(m_state, {started});
  return {};
}

engine::Status StateRecorder::on_success(std::size_t index, const engine::Change& change,
                                         const engine::RemoteUser& after) {
  JournalEntry e = entry_for(change, after);
  e.change = index;
  // A rename drops the old key first: a kill between the two lines leaves
  // the user unrecorded, which the next plan adopts by identity, rather than
  // recorded twice.
  if (!change.moved_from.empty()) {
    engine::Address old = change.address;
    old.key = change.moved_from;
    std::string old_address = address_of(old.kind, stored_key(old, m_hasher));
    if (old_address != e.address) {
      JournalEntry removal{JournalEntry::Op::remove, old_address};
      removal.change = index;
      ROSTERFORM_TRY(m_backend.append_journal(removal));
      apply_journal(m_state, {removal});
    }
  }
  ROSTERFORM_TRY(m_backend.append_journal(e));
  apply_journal(m_state, {e});
  return {};
}

engine::Status StateRecorder::begin(bool state_exists, const PlanRun& run) {
  if (!state_exists) {
    ROSTERFORM_TRY(m_backend.save(m_state));
  }
  JournalEntry opened;
  opened.op = JournalEntry::Op::begin;
  opened.plan_hash = run.plan_hash;
  opened.base_serial = run.base_serial;
  opened.changes = run.changes;
  ROSTERFORM_TRY(m_backend.append_journal(opened));
  apply_journal(m_state, {opened});
  return {};
}

engine::Status StateRecorder::finish() {
  ++m_state.serial;
  return m_backend.save(m_state);
}

}  // namespace rosterform::state
