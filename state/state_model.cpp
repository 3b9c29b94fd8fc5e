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

namespace {

void begin_plan(StateFile& state, const JournalEntry& e) {
  const std::optional<PlanProgress>& last = state.last_apply;
  // The same plan started again (a resumed run) keeps what it already did.
  if (last && last->plan_hash == e.plan_hash && last->base_serial == e.base_serial) {
    return;
  }
  state.last_apply = PlanProgress{e.plan_hash, e.base_serial, e.changes, {}, {}};
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
    }
    if (e.change) {
      mark(state, &PlanProgress::done, *e.change);
    }
  }
}

}  // namespace rosterform::state
