#include "state/postgres/postgres_backend.hpp"

#include <fmt/format.h>

#include "state/postgres/pg_schema.hpp"
#include "state/state_codec.hpp"

namespace rosterform::state {

namespace {

std::string serial_text(std::uint64_t serial) { return std::to_string(serial); }

pg::Param optional_text(const std::optional<std::pair<std::string, std::uint64_t>>& read,
                        bool lineage) {
  if (!read) {
    return std::nullopt;
  }
  return lineage ? read->first : serial_text(read->second);
}

}  // namespace

engine::Result<std::unique_ptr<PostgresBackend>> PostgresBackend::open(PostgresSettings settings) {
  auto conn = pg::Connection::open(settings.connect);
  if (!conn) {
    return tl::unexpected(conn.error());
  }
  ROSTERFORM_TRY(pg::prepare_schema(*conn, settings.schema));
  std::unique_ptr<PostgresBackend> backend(new PostgresBackend(std::move(*conn), std::move(settings)));
  ROSTERFORM_TRY(backend->find_workspace());
  return backend;
}

// Registers the workspace name on first use; its id keys the lock.
engine::Status PostgresBackend::find_workspace() {
  auto rows = m_conn.exec(
      "WITH made AS (INSERT INTO workspaces (name) VALUES ($1) ON CONFLICT (name) DO NOTHING "
      "RETURNING id) SELECT id FROM made UNION ALL SELECT id FROM workspaces WHERE name = $1",
      {m_settings.workspace});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (rows->empty()) {
    return engine::fail(fmt::format("cannot register workspace '{}' in the state database",
                                    m_settings.workspace));
  }
  m_workspace_id = static_cast<int>(rows->integer(0, 0));
  return {};
}

std::string PostgresBackend::name() const {
  return fmt::format("workspace '{}' in PostgreSQL (schema {})", m_settings.workspace,
                     m_settings.schema);
}

std::string PostgresBackend::location() const {
  return fmt::format("the state of workspace '{}' in PostgreSQL (schema {})", m_settings.workspace,
                     m_settings.schema);
}

// A transaction pooler hands each statement to whichever server process is
// free: the session lock would then belong to a process this run no longer
// talks to. Refuse rather than carry on unguarded.
engine::Status PostgresBackend::check_session() {
  auto lost = [this](const std::string& why) {
    return engine::fail(fmt::format(
        "lost the connection to the state database{}; this run stops here and does not "
        "reconnect, since its lock on {} went with the connection (every change made so far is "
        "in the database journal, and the next run that takes the lock folds it in)",
        why, location()));
  };
  if (!m_conn.ok()) {
    return lost("");
  }
  auto rows = m_conn.exec("SELECT pg_backend_pid()");
  if (!rows) {
    return pg::is_connection_failure(m_conn.last_sqlstate()) ? lost(" (" + rows.error().message + ")")
                                                             : tl::unexpected(rows.error());
  }
  if (rows->integer(0, 0) != m_conn.backend_pid()) {
    return engine::fail(fmt::format(
        "the state database connection moved from server process {} to {} between two "
        "statements: it goes through a transaction-mode pooler (PgBouncer?), which silently "
        "breaks the state lock. Connect rosterform to PostgreSQL directly, or through a "
        "session-mode pool.",
        m_conn.backend_pid(), rows->integer(0, 0)));
  }
  return {};
}

engine::Result<bool> PostgresBackend::state_exists() {
  auto rows = m_conn.exec("SELECT lineage IS NOT NULL FROM workspaces WHERE id = $1", {id_param()});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  return !rows->empty() && rows->text(0, 0) == "t";
}

engine::Result<StateFile> PostgresBackend::load() {
  auto rows = m_conn.exec(
      "SELECT w.lineage, w.serial, v.state FROM workspaces w LEFT JOIN state_versions v "
      "ON v.workspace_id = w.id AND v.lineage = w.lineage AND v.serial = w.serial "
      "WHERE w.id = $1",
      {id_param()});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (rows->empty() || rows->is_null(0, 0)) {
    m_read.reset();
    return new_state(&m_settings.key);
  }
  const std::string origin = location();
  if (rows->is_null(0, 2)) {
    return engine::fail(fmt::format(
        "{} names serial {} as current, but that version is missing from state_versions: the "
        "tables were edited by hand. Restore the row, or run `rosterform state rollback SERIAL` "
        "to an earlier version (`rosterform state history` lists them).",
        origin, rows->str(0, 1)));
  }
  auto state = decode_state(rows->text(0, 2), origin, &m_settings.key);
  if (!state) {
    return state;
  }
  m_read = std::make_pair(state->lineage, state->serial);
  auto journal = m_conn.exec(
      "SELECT entry FROM journal WHERE workspace_id = $1 AND lineage = $2 AND base_serial = $3 "
      "ORDER BY seq",
      {id_param(), state->lineage, serial_text(state->serial)});
  if (!journal) {
    return tl::unexpected(journal.error());
  }
  std::string jsonl;
  for (int i = 0; i < journal->size(); ++i) {
    jsonl += journal->text(i, 0);
    jsonl += '\n';
  }
  auto entries = decode_journal(jsonl, origin + ", journal");
  if (!entries) {
    return tl::unexpected(entries.error());
  }
  apply_journal(*state, *entries);
  return state;
}

engine::Result<Backend::NewState> PostgresBackend::start_new_state() {
  auto exists = state_exists();
  if (!exists) {
    return tl::unexpected(exists.error());
  }
  if (*exists) {
    return engine::fail(fmt::format(
        "{} exists; `state init` only starts a state where there is none (to go back to an "
        "earlier version, use `rosterform state rollback SERIAL`)",
        location()));
  }
  m_read.reset();
  NewState out{new_state(&m_settings.key), ""};
  ROSTERFORM_TRY(save(out.state));
  return out;
}

// Compare-and-swap: the workspace row moves from what this run read to the
// new (lineage, serial) only if nobody moved it meanwhile, in one
// transaction with the history row and the removal of the journal the new
// state includes. A failed save changes nothing and keeps the journal.
engine::Status PostgresBackend::save(const StateFile& state) {
  ROSTERFORM_TRY(check_session());
  auto tx = pg::Transaction::begin(m_conn);
  if (!tx) {
    return tl::unexpected(tx.error());
  }
  auto moved = m_conn.exec(
      "UPDATE workspaces SET lineage = $2, serial = $3, updated_at = now() WHERE id = $1 "
      "AND lineage IS NOT DISTINCT FROM $4 AND serial IS NOT DISTINCT FROM $5::bigint",
      {id_param(), state.lineage, serial_text(state.serial), optional_text(m_read, true),
       optional_text(m_read, false)});
  if (!moved) {
    return tl::unexpected(moved.error());
  }
  if (moved->affected() != 1) {
    return engine::fail(fmt::format(
        "{} moved since it was read (this run read serial {}; another run saved since): "
        "nothing was saved, and this run keeps the lock. Run plan again.",
        location(), m_read ? serial_text(m_read->second) : std::string("none")));
  }
  const std::string operation = m_held ? m_held->operation : std::string("save");
  const std::string who = m_held ? m_held->who : current_actor();
  const pg::Param plan_hash = state.last_apply && operation == "apply"
                                  ? pg::Param(state.last_apply->plan_hash)
                                  : pg::Param(std::nullopt);
  const std::string text = encode_state(state);
  ROSTERFORM_TRY(m_conn.exec(
      "INSERT INTO state_versions (workspace_id, lineage, serial, state, saved_by, operation, "
      "plan_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {id_param(), state.lineage, serial_text(state.serial), text, who, operation, plan_hash}));
  ROSTERFORM_TRY(m_conn.exec("DELETE FROM journal WHERE workspace_id = $1", {id_param()}));
  ROSTERFORM_TRY(tx->commit());
  m_read = std::make_pair(state.lineage, state.serial);
  return {};
}

engine::Status PostgresBackend::append_journal(const JournalEntry& entry) {
  if (!m_read) {
    return engine::fail(fmt::format(
        "cannot journal a change: {} has not been saved yet (a bug: apply saves a new state "
        "before its first change)",
        location()));
  }
  // Autocommit: the row is durable when this returns, before the next change starts.
  ROSTERFORM_TRY(m_conn.exec(
      "INSERT INTO journal (workspace_id, lineage, base_serial, entry) VALUES ($1, $2, $3, $4)",
      {id_param(), m_read->first, serial_text(m_read->second), encode_journal_entry(entry)}));
  return {};
}

}  // namespace rosterform::state
