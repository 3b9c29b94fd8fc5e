#include "state/state_model.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace rosterform::state {

std::string address_of(engine::Kind kind, const std::string& key) {
  return fmt::format("{}.{}", engine::to_string(kind), key);
}

bool PlanProgress::is_done(std::size_t index) const {
  return std::binary_search(done.begin(), done.end(), index);
}

bool PlanProgress::is_started(std::size_t index) const {
  return std::binary_search(started.begin(), started.end(), index);
}

const PlanProgress::StepMark* PlanProgress::steps_of(std::size_t index) const {
  auto at = std::find_if(steps.begin(), steps.end(),
                         [index](const StepMark& m) { return m.change == index; });
  return at == steps.end() ? nullptr : &*at;
}

namespace {

void begin_plan(StateFile& state, const JournalEntry& e) {
  const std::optional<PlanProgress>& last = state.last_apply;
  // The same plan started again (a resumed run) keeps what it already did.
  if (last && last->plan_hash == e.plan_hash && last->base_serial == e.base_serial) {
    return;
  }
  state.last_apply = PlanProgress{e.plan_hash, e.base_serial, e.changes, {}, {}, {}};
}

// Adds `index` to a sorted set of the plan's change indices.
void mark(StateFile& state, std::vector<std::size_t> PlanProgress::*set, std::size_t index) {
  if (!state.last_apply || index >= state.last_apply->changes) {
    return;
  }
  std::vector<std::size_t>& indices = (*state.last_apply).*set;
  auto at = std::lower_bound(indices.begin(), indices.end(), index);
  if (at == indices.end() || *at != index) {
    indices.insert(at, index);
  }
}

// Replaces the change's mark (a change done drops it: `done` says all).
void mark_steps(StateFile& state, const JournalEntry& e, bool finished) {
  if (!state.last_apply || !e.change || *e.change >= state.last_apply->changes) {
    return;
  }
  std::vector<PlanProgress::StepMark>& marks = state.last_apply->steps;
  std::erase_if(marks, [&](const PlanProgress::StepMark& m) { return m.change == *e.change; });
  if (finished) {
    return;
  }
  PlanProgress::StepMark m{*e.change, e.steps_done, e.resource.user_id, e.resource.membership_id,
                           e.updated_at};
  auto at = std::lower_bound(marks.begin(), marks.end(), m.change,
                             [](const PlanProgress::StepMark& a, std::size_t c) { return a.change < c; });
  marks.insert(at, std::move(m));
}

void upsert(StateFile& state, const JournalEntry& e) {
  if (!e.resource.user_id.empty()) {
    std::erase_if(state.resources, [&](const auto& entry) {
      return entry.first != e.address && entry.second.kind == e.resource.kind &&
             entry.second.user_id == e.resource.user_id;
    });
  }
  state.resources[e.address] = e.resource;
}

}  // namespace

void apply_journal(StateFile& state, const std::vector<JournalEntry>& entries) {
  for (const JournalEntry& e : entries) {
    switch (e.op) {
      case JournalEntry::Op::begin:
        begin_plan(state, e);
        continue;
      case JournalEntry::Op::start:
        if (e.change) {
          mark(state, &PlanProgress::started, *e.change);
        }
        continue;
      case JournalEntry::Op::remove:
        state.resources.erase(e.address);
        break;
      case JournalEntry::Op::upsert:
        upsert(state, e);
        break;
      case JournalEntry::Op::step:
        upsert(state, e);
        mark_steps(state, e, false);
        continue;
    }
    if (e.change) {
      mark(state, &PlanProgress::done, *e.change);
      mark_steps(state, e, true);
    }
  }
}

}  // namespace rosterform::state
