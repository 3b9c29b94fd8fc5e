#pragma once
// A state backend that lives in memory: the second implementation the
// conformance suite runs against, and a fake for apply tests.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    m_lock = state::LockInfo{"mem" + std::to_string(++m_next), "test", "memory", 1, operation, "", ""};
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
  engine::Result<bool> state_exists() override { return m_saved.has_value(); }
  [[nodiscard]] std::string location() const override { return "the in-memory state"; }
  [[nodiscard]] std::string name() const override { return "memory"; }
  engine::Status append_audit(state::AuditEntry entry) override {
    m_audit.push_back(state::chained_line(std::move(entry), m_audit.empty() ? "" : m_audit.back()));
    return {};
  }
  engine::Result<std::vector<std::string>> export_audit() override { return m_audit; }
  engine::Status import_audit(const std::vector<std::string>& lines) override {
    m_audit.insert(m_audit.end(), lines.begin(), lines.end());
    return {};
  }
  engine::Result<state::AuditVerification> verify_audit() override {
    std::vector<std::string_view> lines(m_audit.begin(), m_audit.end());
    return state::verify_chain(lines, [](std::size_t n) { return "audit line " + std::to_string(n); });
  }

 private:
  std::optional<state::StateFile> m_saved;
  std::vector<state::JournalEntry> m_journal;
  std::optional<state::LockInfo> m_lock;
  std::vector<std::string> m_audit;
  int m_next = 0;
};

}  // namespace rosterform::testing
