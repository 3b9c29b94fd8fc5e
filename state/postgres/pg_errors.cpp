#include "state/postgres/pg_errors.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace rosterform::state::pg {

namespace {

// One line, at most 200 characters: enough to recognise, never a dump.
std::string first_line(std::string_view text) {
  std::size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  if (line.size() > 200) {
    return std::string(line.substr(0, 200)) + "...";
  }
  return std::string(line);
}

std::string field(PGresult* r, int code) {
  const char* v = r != nullptr ? PQresultErrorField(r, code) : nullptr;
  return v != nullptr ? std::string(v) : std::string();
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 14> k_meanings = {{
    {"42501", "permission denied: the database user lacks a privilege rosterform needs "
              "(docs/state-format.md, \"PostgreSQL privileges\")"},
    {"42P01", "a rosterform table is missing: the schema was changed by hand"},
    {"3D000", "the database does not exist"},
    {"28000", "the database refused the login"},
    {"28P01", "the database refused the password"},
    {"57014", "the statement was cancelled (statement timeout)"},
    {"55P03", "a row or table was locked by another session"},
    {"40001", "a concurrent transaction conflicted with this one"},
    {"40P01", "a deadlock with another session was broken by cancelling this one"},
    {"25006", "the database is read-only (a standby?)"},
    {"53100", "the database server is out of disk space"},
    {"53300", "the database server has too many connections"},
    {"57P01", "the database server was shut down"},
    {"P0001", "the database refused the change"},
}};

}  // namespace

std::string sqlstate_meaning(std::string_view sqlstate) {
  for (const auto& [code, meaning] : k_meanings) {
    if (code == sqlstate) {
      return std::string(meaning);
    }
  }
  if (sqlstate.starts_with("08")) {
    return "the connection to the database failed";
  }
  return "the database refused a statement";
}

engine::Result<Rows> check(PGresult* raw, PGconn* conn, std::string& sqlstate) {
  Rows rows(raw);  // owns `raw` from here on, whatever happens
  ExecStatusType status = raw != nullptr ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    sqlstate.clear();
    return rows;
  }
  sqlstate = field(raw, PG_DIAG_SQLSTATE);
  std::string primary = field(raw, PG_DIAG_MESSAGE_PRIMARY);
  if (primary.empty()) {
    primary = first_line(PQerrorMessage(conn));  // libpq's own: the connection is gone
  }
  return engine::fail(fmt::format("{} (SQLSTATE {}: {})", sqlstate_meaning(sqlstate),
                                  sqlstate.empty() ? "none" : sqlstate, first_line(primary)));
}

std::string connect_failure_message(std::string_view libpq_text, const std::string& origin,
                                    bool verify_full) {
  std::string text = first_line(libpq_text);
  std::string hint = verify_full
                         ? " The server is not on this machine, so rosterform requires "
                           "sslmode=verify-full: give the server's CA with PGSSLROOTCERT, or set "
                           "PGSSLMODE if you accept less."
                         : "";
  return fmt::format(
      "cannot connect to the state database (connection from {}): {}.{} Check PGHOST, PGPORT, "
      "PGDATABASE, PGUSER and the password file (docs/state-format.md, \"Connecting\").",
      origin, text, hint);
}

}  // namespace rosterform::state::pg
