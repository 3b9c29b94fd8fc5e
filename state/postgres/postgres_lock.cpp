// The postgres backend's lock: a session advisory lock in the two-key form
// (k_lock_namespace, workspace id), plus a row in lock_holders saying who
// took it. The advisory lock is the truth; the row only explains it. So a
// row whose advisory lock nobody holds belongs to a holder whose session
// ended (a crashed or killed runner): the lock has freed itself, and the
// next run simply takes it over.
#include <unistd.h>

#include <ctime>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "engine/desired_state.hpp"
#include "state/command_hint.hpp"
#include "state/crypto.hpp"
#include "state/postgres/pg_schema.hpp"
#include "state/postgres/postgres_backend.hpp"

namespace rosterform::state {

namespace {

std::string now_rfc3339() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

const std::string k_ns = std::to_string(pg::k_lock_namespace);

// The holder row, with what pg_stat_activity and pg_locks say of its session.
constexpr const char* k_holder_query = R"(
  SELECT h.lock_id, h.who, h.host, h.pid, h.operation,
         to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         h.backend_pid,
         EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
                   AND l.classid = $2::oid AND l.objid = $1::oid AND l.objsubid = 2
                   AND l.pid = h.backend_pid),
         to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         coalesce(a.state, '')
    FROM lock_holders h LEFT JOIN pg_stat_activity a ON a.pid = h.backend_pid
   WHERE h.workspace_id = $1)";

std::string session_text(const pg::Rows& r, bool holding) {
  if (!holding) {
    return fmt::format(
        "database session {} has ended, so the lock freed itself (the holder crashed or was "
        "killed before it could release it)",
        r.str(0, 6));
  }
  std::string since = r.is_null(0, 8) ? std::string() : " since " + r.str(0, 8);
  return fmt::format("database session {} connected{} (still running{})", r.str(0, 6), since,
                     r.str(0, 9).empty() ? "" : ", " + r.str(0, 9));
}

}  // namespace

engine::Result<std::optional<LockInfo>> PostgresBackend::lock_holder() {
  auto rows = m_conn.exec(k_holder_query, {id_param(), k_ns});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (rows->empty()) {
    return std::optional<LockInfo>();
  }
  const bool holding = rows->text(0, 7) == "t";
  LockInfo info{rows->str(0, 0), rows->str(0, 1), rows->str(0, 2), static_cast<long>(rows->integer(0, 3)),
                rows->str(0, 4), rows->str(0, 5), session_text(*rows, holding)};
  return std::optional<LockInfo>(std::move(info));
}

// Only the database knows whether the holder's session is alive; a session
// that ended has released the lock, whatever its host and pid were.
HolderProcess PostgresBackend::holder_state(const LockInfo& holder) {
  auto rows = m_conn.exec(
      "SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
      "AND l.classid = $2::oid AND l.objid = $1::oid AND l.objsubid = 2 "
      "AND l.pid = h.backend_pid) FROM lock_holders h WHERE h.workspace_id = $1 AND h.lock_id = $3",
      {id_param(), k_ns, holder.id});
  if (!rows || rows->empty()) {
    return HolderProcess::unknown;
  }
  return rows->text(0, 0) == "t" ? HolderProcess::running : HolderProcess::gone;
}

engine::Result<bool> PostgresBackend::try_lock(const LockInfo& info) {
  auto got = m_conn.exec("SELECT pg_try_advisory_lock($1::int4, $2::int4)", {k_ns, id_param()});
  if (!got) {
    return tl::unexpected(got.error());
  }
  if (got->text(0, 0) != "t") {
    return false;
  }
  auto recorded = m_conn.exec(
      "INSERT INTO lock_holders (workspace_id, lock_id, who, host, pid, backend_pid, operation) "
      "VALUES ($1, $2, $3, $4, $5, pg_backend_pid(), $6) ON CONFLICT (workspace_id) DO UPDATE SET "
      "lock_id = excluded.lock_id, who = excluded.who, host = excluded.host, pid = excluded.pid, "
      "backend_pid = excluded.backend_pid, operation = excluded.operation, created_at = now()",
      {id_param(), info.id, info.who, info.host, std::to_string(info.pid), info.operation});
  if (!recorded) {
    (void)m_conn.exec("SELECT pg_advisory_unlock($1::int4, $2::int4)", {k_ns, id_param()});
    return tl::unexpected(recorded.error());
  }
  return true;
}

engine::Result<LockInfo> PostgresBackend::lock(const std::string& operation,
                                               std::chrono::milliseconds timeout) {
  ROSTERFORM_TRY(check_session());
  LockInfo info{random_hex(8), current_actor(), current_host(), static_cast<long>(::getpid()),
                operation, now_rfc3339(), ""};
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    // Session advisory locks are re-entrant within one session: this run's
    // own second lock() must be refused like anyone else's.
    auto taken = m_held ? engine::Result<bool>(false) : try_lock(info);
    if (!taken) {
      return tl::unexpected(taken.error());
    }
    if (*taken) {
      // An apply that died left its journal in the database, where every
      // load folds it in and the next save supersedes it. Unlike the local
      // backend's journal file it is not folded into a save now: saved
      // versions are history and never rewritten, and a new serial would
      // make every plan saved against this state stale for no change.
      m_held = info;
      return info;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      auto holder = lock_holder();
      if (!holder) {
        return tl::unexpected(holder.error());
      }
      if (!*holder) {
        continue;  // released meanwhile: try again at once
      }
      return engine::fail(fmt::format(
          "{} is locked by another run:\n{}\nWait for it to finish (or pass "
          "-lock-timeout=DURATION to wait); a crashed holder's lock frees itself when its "
          "database session ends. If it hangs, stop it, or run: {}",
          location(), describe(**holder),
          force_unlock_command(engine::StateSettings{}.path, (*holder)->id)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

engine::Status PostgresBackend::unlock(const LockInfo& held) {
  if (!m_held || m_held->id != held.id) {
    return engine::fail(lock_not_held_message(held.id));
  }
  const std::string id = held.id;  // `held` may be m_held itself
  m_held.reset();
  ROSTERFORM_TRY(m_conn.exec("DELETE FROM lock_holders WHERE workspace_id = $1 AND lock_id = $2",
                             {id_param(), id}));
  ROSTERFORM_TRY(
      m_conn.exec("SELECT pg_advisory_unlock($1::int4, $2::int4)", {k_ns, id_param()}));
  return {};
}

// The command line lets this run only for a dead holder, or with -force. A
// live holder in another session is stopped by ending its session (its
// own connection then fails, and its apply stops before the next change).
engine::Status PostgresBackend::force_unlock(const std::string& id) {
  auto holder = lock_holder();
  if (!holder) {
    return tl::unexpected(holder.error());
  }
  if (!*holder) {
    return engine::fail(not_locked_message(location()));
  }
  if ((*holder)->id != id) {
    return engine::fail(lock_id_mismatch_message(id, name(), **holder));
  }
  if (m_held && m_held->id == id) {
    return unlock(*m_held);
  }
  if (holder_state(**holder) == HolderProcess::running) {
    auto ended = m_conn.exec(
        "SELECT pg_terminate_backend(backend_pid) FROM lock_holders WHERE workspace_id = $1 "
        "AND lock_id = $2",
        {id_param(), id});
    if (!ended) {
      return engine::fail(fmt::format(
          "cannot end the holder's database session to release lock {}: {}. Ask the database "
          "administrator to run pg_terminate_backend on it.",
          id, ended.error().message));
    }
  }
  ROSTERFORM_TRY(m_conn.exec("DELETE FROM lock_holders WHERE workspace_id = $1 AND lock_id = $2",
                             {id_param(), id}));
  return {};
}

engine::Status PostgresBackend::confirm_lock(const LockInfo& held) {
  ROSTERFORM_TRY(check_session());
  auto rows = m_conn.exec(
      "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
      "classid = $2::oid AND objid = $1::oid AND objsubid = 2 AND pid = pg_backend_pid())",
      {id_param(), k_ns});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (rows->text(0, 0) != "t" || !m_held || m_held->id != held.id) {
    return engine::fail(fmt::format(
        "{} is no longer locked by this run (lock {} was released or forced open): stopping "
        "before the next change",
        location(), held.id));
  }
  return {};
}

}  // namespace rosterform::state
