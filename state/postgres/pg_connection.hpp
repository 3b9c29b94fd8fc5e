#pragma once
// A small RAII layer over libpq: one connection, results that free
// themselves, a transaction that rolls back unless committed. Every
// statement goes through PQexecParams with its values as parameters, so no
// SQL is ever built from a value; identifiers are fixed in the code (the
// schema name travels as a parameter to set_config, see pg_schema.cpp).
//
// Failures become engine::Error with the SQLSTATE and libpq's primary
// message, never the server's DETAIL (which can quote row values).

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace rosterform::state::pg {

// How to reach the database. The connection string is optional: empty means
// libpq's own environment and service files (PGHOST, PGSERVICE, PGPASSFILE, ...).
struct ConnectSettings {
  std::string conn_str;        // from the variable state.conn_str_env names; never printed
  std::string conn_str_origin; // "ROSTERFORM_PG_URL" or "the PG* environment", for messages
  std::chrono::seconds connect_timeout{10};
  std::chrono::milliseconds statement_timeout{60'000};
};

// One row set. Text format throughout: values are what PostgreSQL prints.
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* r) : m_result(r, &PQclear) {}
  [[nodiscard]] int size() const { return m_result ? PQntuples(m_result.get()) : 0; }
  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] bool is_null(int row, int col) const {
    return PQgetisnull(m_result.get(), row, col) == 1;
  }
  [[nodiscard]] std::string_view text(int row, int col) const;
  [[nodiscard]] std::string str(int row, int col) const { return std::string(text(row, col)); }
  [[nodiscard]] std::int64_t integer(int row, int col) const;
  [[nodiscard]] long affected() const;  // rows an UPDATE/DELETE touched

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> m_result{nullptr, &PQclear};
};

// A parameter: a value, or SQL NULL (std::nullopt). Owned and therefore
// NUL-terminated, as libpq reads text parameters up to their NUL.
using Param = std::optional<std::string>;

class Connection {
 public:
  static engine::Result<Connection> open(const ConnectSettings& settings);

  // Runs `sql` with `params` as $1, $2, ...; fails on any status but OK.
  engine::Result<Rows> exec(const char* sql, const std::vector<Param>& params = {});

  // The SQLSTATE of the last failed statement ("" after a success).
  [[nodiscard]] const std::string& last_sqlstate() const { return m_last_sqlstate; }
  // The server process serving this connection, as read when it opened.
  [[nodiscard]] int backend_pid() const { return m_backend_pid; }
  // Whether libpq still thinks the connection is up (no round trip).
  [[nodiscard]] bool ok() const { return m_conn && PQstatus(m_conn.get()) == CONNECTION_OK; }
  // `name` as a quoted SQL identifier (PQescapeIdentifier), for the one
  // statement that cannot take it as a parameter: CREATE SCHEMA.
  [[nodiscard]] engine::Result<std::string> quote_identifier(std::string_view name) const;
  // "host db.example:5432, database roster, user ci" (never the password).
  [[nodiscard]] std::string describe() const;

 private:
  explicit Connection(PGconn* c) : m_conn(c, &PQfinish) {}
  std::unique_ptr<PGconn, void (*)(PGconn*)> m_conn{nullptr, &PQfinish};
  int m_backend_pid = 0;
  std::string m_last_sqlstate;
};

// BEGIN on construction, ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  static engine::Result<Transaction> begin(Connection& c);
  Transaction(Transaction&& other) noexcept : m_conn(other.m_conn) { other.m_conn = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();
  engine::Status commit();

 private:
  explicit Transaction(Connection& c) : m_conn(&c) {}
  Connection* m_conn;
};

// SQLSTATE of the class that means "the connection is gone" (08xxx), or a
// result that carries no SQLSTATE at all (libpq lost the server).
[[nodiscard]] bool is_connection_failure(std::string_view sqlstate);

}  // namespace rosterform::state::pg
