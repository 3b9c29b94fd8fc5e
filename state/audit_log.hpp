#pragma once
// An append-only JSONL record of every apply: who, which plan, which
// changes (keys, actions and field *names*, never values) and how it ended.
//
// Each line carries `prev`, the SHA-256 of the line before it (64 zeros for
// the first), and `hash`, the SHA-256 of its own content without `hash`. An
// edit, insertion or deletion anywhere but at the very end breaks the chain;
// `rosterform audit verify` reports the first line where it breaks. Cutting
// lines off the end can only be detected against a hash kept elsewhere, so
// verify prints the last hash for CI to record.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace rosterform::state {

struct AuditChange {
  std::string address;              // engine::label: "client.mrn-10442", "client.id:2001"
  std::string user_id;              // the Healthie User.id; empty for a create that failed
  std::string action;               // create, update, deactivate, ...
  std::vector<std::string> fields;  // names of the fields changed
  std::string result;               // succeeded, failed, not_attempted
};

struct AuditEntry {
  std::string time;       // RFC 3339, UTC; filled in by append when empty
  std::string actor;      // filled in by append when empty
  std::string operation;  // apply, import, state rm
  std::string plan_hash;
  std::string commit;  // the workspace's git commit, when it is in a repository
  std::vector<AuditChange> changes;
  std::string result;  // succeeded, failed, interrupted
};

struct AuditVerification {
  std::size_t lines = 0;
  std::string last_hash;
};

// The chain itself, wherever its lines are kept (a file here, a table in
// the postgres backend): the line that follows `prev_line` (empty for the
// first), with `time` and `actor` filled in when empty.
[[nodiscard]] std::string chained_line(AuditEntry entry, std::string_view prev_line);
// Checks every line's own hash and its link to the one before; `where(n)`
// names line n (1-based) in messages, e.g. "audit.jsonl:3".
[[nodiscard]] engine::Result<AuditVerification> verify_chain(
    const std::vector<std::string_view>& lines, const std::function<std::string(std::size_t)>& where);

// The audit log as a JSONL file beside the local state.
class AuditLog {
 public:
  explicit AuditLog(std::string path) : m_path(std::move(path)) {}

  // Appends `entry` chained to the current last line, fsynced, mode 0600.
  engine::Status append(AuditEntry entry);

  // Checks every line's own hash and its link to the line before.
  engine::Result<AuditVerification> verify() const;

  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

}  // namespace rosterform::state
