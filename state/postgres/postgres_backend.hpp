#pragma once
// The team backend: the state of each workspace in PostgreSQL, shared by
// every CI runner, with a lock that frees itself when its holder dies.
//
// What Terraform's `pg` backend users run into, and what this does instead:
//   * the lock is a *session* advisory lock in the two-key form
//     (k_lock_namespace, workspace id), so it never collides with another
//     application or workspace, is released by PostgreSQL when the holder's
//     session ends (a crashed runner frees it), and sits beside a row that
//     says who holds it, joined with pg_stat_activity when it is shown;
//   * one connection, opened for the run and never pooled: a transaction
//     pooler (PgBouncer) would move the session between server processes
//     and silently drop the lock, so the server pid is checked before every
//     mutation and a change of pid is refused;
//   * every save is a compare-and-swap on (lineage, serial) in the same
//     transaction as its history row, so two runs can never both win;
//   * mutations are journalled in the database, not on the runner's disk,
//     so a failed save loses nothing when the runner is thrown away.
// Tables and migrations: pg_schema.hpp; docs/state-format.md.

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "state/backend.hpp"
#include "state/postgres/pg_connection.hpp"

namespace rosterform::state {

struct PostgresSettings {
  pg::ConnectSettings connect;
  // Required: a team state never keeps its HMAC key beside its hashes; the
  // key comes from the environment and only its fingerprint is stored.
  StateKey key;
  std::string schema = "rosterform";
  std::string workspace = "default";
};

class PostgresBackend final : public Backend {
 public:
  // Connects, brings the schema up to date and finds (or registers) the
  // workspace. Nothing is read or locked yet.
  static engine::Result<std::unique_ptr<PostgresBackend>> open(PostgresSettings settings);

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
  [[nodiscard]] std::string name() const override;
  HolderProcess holder_state(const LockInfo& holder) override;
  engine::Status confirm_lock(const LockInfo& held) override;
  engine::Status append_audit(AuditEntry entry) override;
  engine::Result<AuditVerification> verify_audit() override;
  engine::Status import_audit(const std::vector<std::string>& lines) override;
  engine::Result<std::vector<std::string>> export_audit() override;
  engine::Result<std::vector<Version>> history(std::size_t limit) override;
  engine::Result<StateFile> read_version(std::uint64_t serial) override;

 private:
  explicit PostgresBackend(pg::Connection c, PostgresSettings s)
      : m_conn(std::move(c)), m_settings(std::move(s)) {}
  engine::Status find_workspace();
  engine::Status check_session();
  engine::Result<bool> try_lock(const LockInfo& info);
  [[nodiscard]] std::string id_param() const { return std::to_string(m_workspace_id); }

  pg::Connection m_conn;
  PostgresSettings m_settings;
  int m_workspace_id = 0;
  // The (lineage, serial) this run last read or wrote: what the next save's
  // compare-and-swap expects to find. Empty while no state is stored.
  std::optional<std::pair<std::string, std::uint64_t>> m_read;
  std::optional<LockInfo> m_held;
};

}  // namespace rosterform::state
