#pragma once
// Where state lives: the local file backend (the default, state/local_backend.*)
// or the PostgreSQL team backend (state/postgres/). Nothing outside state/
// knows a backend's files or tables; the command line picks one through a
// single factory. tests/unit/test_state_backend_conformance.cpp runs the same
// checks against every implementation.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.hpp"
#include "state/audit_log.hpp"
#include "state/lock_info.hpp"
#include "state/state_key.hpp"
#include "state/state_model.hpp"

namespace rosterform::state {

class Backend {
 public:
  virtual ~Backend() = default;

  // The state with any journal folded in, or a fresh empty state (new
  // lineage, serial 0, new HMAC key) when there is none yet. A state that
  // existed and is gone (docs/state-format.md, "Lost state") is an error,
  // never a fresh state.
  virtual engine::Result<StateFile> load() = 0;

  // Deliberately starts a new, empty state where none can be read (after
  // the stored one was lost: `rosterform state init`), and saves it. Fails
  // when a state exists. `set_aside` names what was kept of the old one.
  struct NewState {
    StateFile state;
    std::string set_aside;  // e.g. the old journal's new path; may be empty
  };
  virtual engine::Result<NewState> start_new_state() = 0;

  // Replaces the stored state with `state` (whose serial the caller has
  // bumped) and clears the journal it supersedes.
  virtual engine::Status save(const StateFile& state) = 0;

  // Records one mutation durably before the caller starts the next one.
  virtual engine::Status append_journal(const JournalEntry& entry) = 0;

  // Takes the lock for `operation`, waiting up to `timeout` for a holder to
  // release it. On failure the message shows who holds it.
  virtual engine::Result<LockInfo> lock(const std::string& operation,
                                        std::chrono::milliseconds timeout) = 0;
  virtual engine::Status unlock(const LockInfo& held) = 0;
  // Releases a lock left by a crashed run; `id` must match the holder's.
  virtual engine::Status force_unlock(const std::string& id) = 0;
  // The current holder, if any.
  virtual engine::Result<std::optional<LockInfo>> lock_holder() = 0;

  // --- Answered by every backend, with defaults for the simple ones. ---

  // Whether a state has been stored (load() returns a fresh one otherwise).
  virtual engine::Result<bool> state_exists() = 0;

  // What messages call this state: "the state .rosterform/state.json",
  // "the state of workspace 'clinic-prod' in PostgreSQL".
  [[nodiscard]] virtual std::string location() const = 0;
  // Where it is, for headings: ".rosterform/state.json", "workspace
  // 'clinic-prod' in PostgreSQL (schema rosterform)".
  [[nodiscard]] virtual std::string name() const = 0;

  // Whether the process holding `holder` is still running, as far as this
  // backend can tell (a lock file knows only pids on this host; PostgreSQL
  // knows whether the holder's session is still connected).
  virtual HolderProcess holder_state(const LockInfo& holder) { return holder_process(holder); }

  // Before each mutation: fails when `held` is no longer this run's (its
  // connection to a team backend was lost, or the lock was forced open), so
  // that apply stops instead of changing Healthie unguarded.
  virtual engine::Status confirm_lock(const LockInfo& held) {
    (void)held;
    return {};
  }

  // The audit chain (state/audit_log.hpp) kept beside this state.
  virtual engine::Status append_audit(AuditEntry entry) = 0;
  virtual engine::Result<AuditVerification> verify_audit() = 0;
  // Takes over another backend's audit lines as they are (`state migrate`),
  // so that their chain and last hash stay what was recorded. Only into an
  // empty log; the lines must verify.
  virtual engine::Status import_audit(const std::vector<std::string>& lines) = 0;
  // The audit log's lines, oldest first (empty when there is none).
  virtual engine::Result<std::vector<std::string>> export_audit() = 0;

  // Earlier versions of the state, newest first. A backend that keeps none
  // fails with a message saying so.
  struct Version {
    std::uint64_t serial = 0;
    std::string lineage;
    std::string saved_at;   // RFC 3339, UTC
    std::string saved_by;   // LockInfo::who of the run that saved it
    std::string operation;  // apply, import, state rm, state rollback, ...
    std::string plan_hash;  // empty unless an apply of a plan saved it
  };
  virtual engine::Result<std::vector<Version>> history(std::size_t limit) {
    (void)limit;
    return engine::fail(location() + " keeps no history of earlier versions (only the postgres "
                                     "backend does, docs/state-format.md)");
  }
  // The state as it was saved at `serial` (of the current lineage).
  virtual engine::Result<StateFile> read_version(std::uint64_t serial) {
    (void)serial;
    return tl::unexpected(history(0).error());
  }
};

// A fresh state: random lineage, serial 0, no resources; the HMAC key is
// derived from `key` (format 2, only its fingerprint is written), or random
// and kept in the state without one (format 1).
[[nodiscard]] StateFile new_state(const StateKey* key = nullptr);

}  // namespace rosterform::state
