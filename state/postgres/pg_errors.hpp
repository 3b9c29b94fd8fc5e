#pragma once
// libpq's failures as our messages: what went wrong in words, the SQLSTATE
// for the database administrator, and what to do. The server's DETAIL and
// HINT are never included (they can quote row values); the primary message
// is, cut to one line, after the gate has masked anything key-like.

#include <libpq-fe.h>

#include <string>
#include <string_view>

#include "engine/result.hpp"
#include "state/postgres/pg_connection.hpp"

namespace rosterform::state::pg {

// Takes ownership of `raw` (may be null) and passes it through when its
// status is a success; otherwise the error, with `sqlstate` set to the
// failure's SQLSTATE ("" when there is none: the connection is gone).
[[nodiscard]] engine::Result<Rows> check(PGresult* raw, PGconn* conn, std::string& sqlstate);

// The first line of libpq's text for a failed connection, with what to check.
[[nodiscard]] std::string connect_failure_message(std::string_view libpq_text,
                                                  const std::string& origin, bool verify_full);

// Our words for a SQLSTATE, e.g. "permission denied" for 42501.
[[nodiscard]] std::string sqlstate_meaning(std::string_view sqlstate);

}  // namespace rosterform::state::pg
