// The postgres backend's memory: every saved version of the state (for
// `state history` and `state rollback`) and the audit chain, both kept in
// the database beside the state they describe.
#include <fmt/format.h>

#include "state/postgres/pg_schema.hpp"
#include "state/postgres/postgres_backend.hpp"
#include "state/state_codec.hpp"

namespace rosterform::state {

engine::Result<std::vector<Backend::Version>> PostgresBackend::history(std::size_t limit) {
  auto rows = m_conn.exec(
      "SELECT serial, lineage, "
      "to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), saved_by, "
      "operation, coalesce(plan_hash, '') FROM state_versions WHERE workspace_id = $1 "
      "ORDER BY saved_at DESC, serial DESC LIMIT $2",
      {id_param(), std::to_string(limit == 0 ? 1 : limit)});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::vector<Version> out;
  for (int i = 0; i < rows->size(); ++i) {
    out.push_back({static_cast<std::uint64_t>(rows->integer(i, 0)), rows->str(i, 1),
                   rows->str(i, 2), rows->str(i, 3), rows->str(i, 4), rows->str(i, 5)});
  }
  return out;
}

engine::Result<StateFile> PostgresBackend::read_version(std::uint64_t serial) {
  auto rows = m_conn.exec(
      "SELECT v.state FROM state_versions v JOIN workspaces w ON w.id = v.workspace_id "
      "AND w.lineage = v.lineage WHERE v.workspace_id = $1 AND v.serial = $2",
      {id_param(), std::to_string(serial)});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (rows->empty()) {
    return engine::fail(fmt::format(
        "{} has no version with serial {} in its current lineage; `rosterform state history` "
        "lists the versions kept",
        location(), serial));
  }
  return decode_state(rows->text(0, 0), fmt::format("{}, serial {}", location(), serial),
                      &m_settings.key);
}

// The chain's next line depends on the last one, so appends are serialised
// per workspace by a transaction-level advisory lock: two runs (an apply
// and a `state rm`, say) never both chain to the same line.
engine::Status PostgresBackend::append_audit(AuditEntry entry) {
  auto tx = pg::Transaction::begin(m_conn);
  if (!tx) {
    return tl::unexpected(tx.error());
  }
  ROSTERFORM_TRY(m_conn.exec("SELECT pg_advisory_xact_lock($1::int4, $2::int4)",
                             {std::to_string(pg::k_audit_namespace), id_param()}));
  auto last = m_conn.exec(
      "SELECT line FROM audit_log WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1",
      {id_param()});
  if (!last) {
    return tl::unexpected(last.error());
  }
  std::string prev = last->empty() ? std::string() : last->str(0, 0);
  ROSTERFORM_TRY(m_conn.exec("INSERT INTO audit_log (workspace_id, line) VALUES ($1, $2)",
                             {id_param(), chained_line(std::move(entry), prev)}));
  return tx->commit();
}

engine::Result<AuditVerification> PostgresBackend::verify_audit() {
  auto rows = m_conn.exec("SELECT line FROM audit_log WHERE workspace_id = $1 ORDER BY seq",
                          {id_param()});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::vector<std::string_view> lines;
  lines.reserve(static_cast<std::size_t>(rows->size()));
  for (int i = 0; i < rows->size(); ++i) {
    lines.push_back(rows->text(i, 0));
  }
  return verify_chain(lines, [this](std::size_t n) {
    return fmt::format("the audit log of workspace '{}', entry {}", m_settings.workspace, n);
  });
}

engine::Status PostgresBackend::import_audit(const std::vector<std::string>& lines) {
  std::vector<std::string_view> views(lines.begin(), lines.end());
  ROSTERFORM_TRY(verify_chain(views, [](std::size_t n) { return fmt::format("audit line {}", n); }));
  auto tx = pg::Transaction::begin(m_conn);
  if (!tx) {
    return tl::unexpected(tx.error());
  }
  ROSTERFORM_TRY(m_conn.exec("SELECT pg_advisory_xact_lock($1::int4, $2::int4)",
                             {std::to_string(pg::k_audit_namespace), id_param()}));
  auto count = m_conn.exec("SELECT count(*) FROM audit_log WHERE workspace_id = $1", {id_param()});
  if (!count) {
    return tl::unexpected(count.error());
  }
  if (count->integer(0, 0) != 0) {
    return engine::fail(fmt::format("cannot take over an audit log: {} already has one",
                                    location()));
  }
  for (const std::string& line : lines) {
    ROSTERFORM_TRY(m_conn.exec("INSERT INTO audit_log (workspace_id, line) VALUES ($1, $2)",
                               {id_param(), line}));
  }
  return tx->commit();
}

engine::Result<std::vector<std::string>> PostgresBackend::export_audit() {
  auto rows = m_conn.exec("SELECT line FROM audit_log WHERE workspace_id = $1 ORDER BY seq",
                          {id_param()});
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::vector<std::string> lines;
  for (int i = 0; i < rows->size(); ++i) {
    lines.push_back(rows->str(i, 0));
  }
  return lines;
}

}  // namespace rosterform::state
