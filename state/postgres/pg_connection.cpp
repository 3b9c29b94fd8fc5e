#include "state/postgres/pg_connection.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "state/postgres/pg_errors.hpp"

namespace rosterform::state::pg {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

// The connection string's own value of `keyword`, if it sets one.
std::string conninfo_value(const std::string& conn_str, const char* keyword) {
  if (conn_str.empty()) {
    return {};
  }
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conn_str.c_str(), &error);
  PQfreemem(error);  // the caller reports a bad string when connecting
  std::string value;
  for (PQconninfoOption* o = options; o != nullptr && o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == keyword && o->val != nullptr) {
      value = o->val;
    }
  }
  PQconninfoFree(options);
  return value;
}

bool is_local_host(const std::string& host) {
  return host.empty() || host.front() == '/' || host.front() == '@' || host == "localhost" ||
         host == "127.0.0.1" || host == "::1";
}

// verify-full unless the user chose a mode (in the string, PGSSLMODE or a
// service file) or the server is on this machine: a team state travels
// over the network, and "prefer" would silently accept a man in the middle.
std::optional<std::string> default_sslmode(const std::string& conn_str) {
  if (!conninfo_value(conn_str, "sslmode").empty() || !env("PGSSLMODE").empty() ||
      !conninfo_value(conn_str, "service").empty() || !env("PGSERVICE").empty()) {
    return std::nullopt;
  }
  std::string host = conninfo_value(conn_str, "host");
  if (host.empty()) {
    host = env("PGHOST");
  }
  std::string hostaddr = conninfo_value(conn_str, "hostaddr");
  if (host.empty() && !hostaddr.empty()) {
    host = hostaddr;
  }
  if (is_local_host(host)) {
    return std::nullopt;
  }
  return "verify-full";
}

}  // namespace

std::string_view Rows::text(int row, int col) const {
  const char* v = PQgetvalue(m_result.get(), row, col);
  return {v, static_cast<std::size_t>(PQgetlength(m_result.get(), row, col))};
}

std::int64_t Rows::integer(int row, int col) const {
  return std::strtoll(PQgetvalue(m_result.get(), row, col), nullptr, 10);
}

long Rows::affected() const {
  const char* n = m_result ? PQcmdTuples(m_result.get()) : "";
  return *n == '\0' ? 0 : std::strtol(n, nullptr, 10);
}

engine::Result<Connection> Connection::open(const ConnectSettings& settings) {
  std::vector<const char*> keys;
  std::vector<const char*> values;
  if (!settings.conn_str.empty()) {
    keys.push_back("dbname");  // expand_dbname: the whole string is read as a conninfo
    values.push_back(settings.conn_str.c_str());
  }
  const std::string timeout = std::to_string(settings.connect_timeout.count());
  const std::optional<std::string> sslmode = default_sslmode(settings.conn_str);
  // Keepalives find a dead server or a dropped NAT mapping within about a
  // minute, so a runner never hangs holding (or waiting for) the lock.
  for (auto [k, v] : {std::pair{"connect_timeout", timeout.c_str()},
                      std::pair{"keepalives", "1"},
                      std::pair{"keepalives_idle", "30"},
                      std::pair{"keepalives_interval", "10"},
                      std::pair{"keepalives_count", "3"},
                      std::pair{"application_name", "rosterform"}}) {
    if (conninfo_value(settings.conn_str, k).empty()) {
      keys.push_back(k);
      values.push_back(v);
    }
  }
  if (sslmode) {
    keys.push_back("sslmode");
    values.push_back(sslmode->c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  Connection c(PQconnectdbParams(keys.data(), values.data(), 1));
  if (!c.m_conn) {
    return engine::fail("cannot connect to the state database: out of memory");
  }
  if (PQstatus(c.m_conn.get()) != CONNECTION_OK) {
    return engine::fail(connect_failure_message(PQerrorMessage(c.m_conn.get()),
                                                settings.conn_str_origin, sslmode.has_value()));
  }
  c.m_backend_pid = PQbackendPID(c.m_conn.get());
  // Server notices ("schema ... already exists, skipping") are server text:
  // never printed.
  PQsetNoticeProcessor(c.m_conn.get(), [](void*, const char*) {}, nullptr);
  const std::string statement_timeout = std::to_string(settings.statement_timeout.count());
  auto set = c.exec("SELECT set_config('statement_timeout', $1, false), "
                    "set_config('idle_in_transaction_session_timeout', '300000', false)",
                    {statement_timeout});
  if (!set) {
    return tl::unexpected(set.error());
  }
  return c;
}

engine::Result<Rows> Connection::exec(const char* sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& p : params) {
    values.push_back(p ? p->c_str() : nullptr);
  }
  // Text format for every parameter and result: the server casts.
  PGresult* raw = PQexecParams(m_conn.get(), sql, static_cast<int>(params.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
  return check(raw, m_conn.get(), m_last_sqlstate);
}

engine::Result<std::string> Connection::quote_identifier(std::string_view name) const {
  char* quoted = PQescapeIdentifier(m_conn.get(), name.data(), name.size());
  if (quoted == nullptr) {
    return engine::fail("cannot quote the schema name for PostgreSQL");
  }
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

std::string Connection::describe() const {
  PGconn* c = m_conn.get();
  std::string host = PQhost(c) != nullptr ? PQhost(c) : "";
  return fmt::format("{} {}, database {}, user {}",
                     host.empty() || host.front() == '/' ? "socket" : "host",
                     host.empty() || host.front() == '/' ? host : host + ":" + PQport(c),
                     PQdb(c), PQuser(c));
}

engine::Result<Transaction> Transaction::begin(Connection& c) {
  ROSTERFORM_TRY(c.exec("BEGIN"));
  return Transaction(c);
}

Transaction::~Transaction() {
  if (m_conn != nullptr && m_conn->ok()) {
    (void)m_conn->exec("ROLLBACK");
  }
}

engine::Status Transaction::commit() {
  Connection* c = m_conn;
  m_conn = nullptr;  // a failed COMMIT has already ended the transaction
  ROSTERFORM_TRY(c->exec("COMMIT"));
  return {};
}

bool is_connection_failure(std::string_view sqlstate) {
  return sqlstate.empty() || sqlstate.starts_with("08") || sqlstate == "57P01" ||
         sqlstate == "57P02" || sqlstate == "57P03";
}

}  // namespace rosterform::state::pg
