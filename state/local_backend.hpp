#pragma once
// The default backend: a JSON file, its journal beside it, and a lock file.
//
//   .rosterform/state.json          the state, replaced atomically (0600)
//   .rosterform/state.json.journal  one line per mutation since the last save
//   .rosterform/state.json.lock     the holder of the lock, created O_EXCL
//
// The folder is created 0700 (.rosterform is tightened on every write, see
// private_folder.hpp). A kill -9 at any point leaves the last saved state
// plus a journal whose complete lines are folded in by the next load, and
// saved by the next run that takes the lock (leftovers.hpp).
// When the state file is missing or empty although the journal or the audit
// log (given by the caller: it is written beside the state) show earlier
// runs, load fails instead of starting a new lineage (state/lost_state.hpp).

#include <optional>
#include <string>

#include "state/backend.hpp"

namespace rosterform::state {

class LocalBackend final : public Backend {
 public:
  // With `key`, the state's HMAC key is derived from it and never written
  // (docs/state-format.md, "The state key"); without, a new state keeps a
  // random one in the file.
  explicit LocalBackend(std::string state_path, std::string audit_log_path = {},
                        std::optional<StateKey> key = {});

  engine::Result<StateFile> load() override;
  engine::Result<NewState> start_new_state() override;
  engine::Status save(const StateFile& state) override;
  engine::Status append_journal(const JournalEntry& entry) override;
  engine::Result<LockInfo> lock(const std::string& operation,
                                std::chrono::milliseconds timeout) override;
  engine::Status unlock(const LockInfo& held) override;
  engine::Status force_unlock(const std::string& id) override;
  engine::Result<std::optional<LockInfo>> lock_holder() override;
  engine::Result<bool> state_exists() override;
  [[nodiscard]] std::string location() const override;
  [[nodiscard]] std::string name() const override { return m_path; }
  engine::Status append_audit(AuditEntry entry) override;
  engine::Result<AuditVerification> verify_audit() override;
  engine::Status import_audit(const std::vector<std::string>& lines) override;
  engine::Result<std::vector<std::string>> export_audit() override;

  // After `state migrate` moved this state elsewhere: renames what it kept
  // (the `.rosterform` folder, or else the state's own files) with the
  // suffix `.migrated-<stamp>`, so it can neither be used nor overwritten
  // by mistake, and returns the new name.
  engine::Result<std::string> set_aside_migrated(const std::string& stamp);

  [[nodiscard]] const std::string& path() const { return m_path; }
  [[nodiscard]] std::string journal_path() const { return m_path + ".journal"; }
  [[nodiscard]] std::string lock_path() const { return m_path + ".lock"; }

 private:
  engine::Status ensure_directory() const;
  engine::Result<bool> try_create_lock(const LockInfo& info) const;
  engine::Status recover_leftovers(const LockInfo& held);
  [[nodiscard]] const StateKey* key() const;

  std::string m_path;
  std::string m_audit_log_path;
  std::optional<StateKey> m_key;
};

}  // namespace rosterform::state
