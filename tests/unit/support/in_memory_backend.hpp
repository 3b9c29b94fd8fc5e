#pragma once
// A state backend that lives in memory: the second implementation the
// conformance suite runs against, and a fake for apply tests.

#include <optional>

#include "state/backend.hpp"
#include "state/state_model.hpp"

namespace rosterform::testing {

class InMemoryBackend final : public state::Backend {
 public:
  engine::Result<state::StateFile> load() override {
    state::StateFile s = m_saved ? *m_saved : state::new_state();
    if (!m_saved) {
      m_saved = s;
    }
    state::apply_journal(s, m_journal);
    return s;
  }
  engine::Result<NewState> start_new_state() override {
    if (m_saved) {
      return engine::fail("a state already exists");
    }
    m_saved = state::new_state();
    return NewState{*m_saved, ""};
  }
  engine::Status save(const state::StateFile& s) override {
    m_saved = s;
    m_journal.clear();
    return {};
  }
  engine::Status append_journal(const state::JournalEntry& e) override {
    m_journal.push_back(e);
    return {};
  }
  engine::Result<state::LockInfo> lock(const std::string& operation,
                                       std::chrono::milliseconds) override {
    if (m_lock) {
      return engine::fail("the state is locked by another run:\n" + state::describe(*m_lock));
    }
    m_lock = state::LockInfo{"mem" + std::to_string(++m_next), "test", "memory", 1, operation, ""};
    return *m_lock;
  }
  engine::Status unlock(const state::LockInfo& held) override {
    if (!m_lock || m_lock->id != held.id) {
      return engine::fail("cannot release lock " + held.id + ": it is no longer held by this run");
    }
    m_lock.reset();
    return {};
  }
  engine::Status force_unlock(const std::string& id) override {
    if (!m_lock || m_lock->id != id) {
      return engine::fail("lock ID '" + id + "' does not match");
    }
    m_lock.reset();
    return {};
  }
  engine::Result<std::optional<state::LockInfo>> lock_holder() override { return m_lock; }

 private:
  std::optional<state::StateFile> m_saved;
  std::vector<state::JournalEntry> m_journal;
  std::optional<state::LockInfo> m_lock;
  int m_next = 0;
};

}  // namespace rosterform::testing
