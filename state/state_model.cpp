#include "state/state_model.hpp"

#include <vector>

#include <fmt/format.h>

namespace rosterform::state {

std::string address_of(engine::Kind kind, const std::string& key) {
  return fmt::format("{}.{}", engine::to_string(kind), key);
}

void apply_journal(StateFile& state, const std::vector<JournalEntry>& entries) {
  for (const JournalEntry& e : entries) {
    if (e.op == JournalEntry::Op::remove) {
      state.resources.erase(e.address);
    } else {
      state.resources[e.address] = e.resource;
    }
  }
}

}  // namespace rosterform::state
