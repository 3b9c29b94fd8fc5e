#pragma once
// Handles: how people name a user, in output and on the command line.
//
// A change is about one user, and a reviewer must be able to see who, and
// to type what they see into `-target`, `state show` or `state rm`, without
// any PHI being printed. There are three handles (docs/plan-format.md,
// "Handles"):
//
//   staff.<email> / client.<key>      an explicit roster key (staff: the work email)
//   staff.id:<n>  / client.id:<n>     the Healthie user id (also bare `id:<n>`)
//   <file>:<line>                     the roster entry there (`:<col>` may follow)
//
// A client key derived from identity fields ("rid:…", "email:…", the
// state's hidden "h:…") is PHI, so it is never a handle that is shown; it is
// still accepted when typed, since whoever types it already knows it.
//
// `label` is the one function that names a record in any output: plan,
// apply progress and report, errors, guard rails, audit log.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/plan/plan.hpp"

namespace rosterform::engine {

// "client.mrn-1", "staff.jones@x"; else "client.id:100023"; else
// "client at roster/clients.yaml:69". Never PHI.
[[nodiscard]] std::string label(const Address& a);

// "client.id:100023"; empty when `user_id` is.
[[nodiscard]] std::string id_handle(Kind kind, std::string_view user_id);

// "roster/clients.yaml:69"; empty when the location is unknown.
[[nodiscard]] std::string location_handle(const SourceLocation& location);

// How a message names a state entry: its key handle, or its id handle when
// the key is derived from PHI.
[[nodiscard]] std::string state_entry_handle(Kind kind, std::string_view key,
                                             std::string_view user_id);

// Every handle of `a` a user may type, except the one `shown` already is
// (or ends with): {"client.id:2001", "roster/clients.yaml:3"} for
// client.mrn-1. `shown` defaults to `label(a)`.
[[nodiscard]] std::vector<std::string> other_handles(const Address& a, std::string_view shown);
[[nodiscard]] std::vector<std::string> other_handles(const Address& a);

// Every typeable handle of `a`, `label`'s own first.
[[nodiscard]] std::vector<std::string> handles(const Address& a);

struct Handle {
  enum class Form : std::uint8_t { key, user_id, location };
  Form form = Form::key;
  std::optional<Kind> kind;  // absent: either kind
  std::string value;         // the key, the user id, or the file
  std::uint32_t line = 0;    // location only
};

// Parses what a user typed. Never fails: anything that is not an id or a
// location is a key (bare when it has no kind prefix).
[[nodiscard]] Handle parse_handle(std::string_view text);

// Whether `h` names the user `a` is about.
[[nodiscard]] bool names(const Handle& h, const Address& a);

// What a user typed, to repeat in a message: as typed, unless it is a client
// key derived from identity fields, which is PHI and is not repeated.
[[nodiscard]] std::string echo_handle(std::string_view typed);

// The grammar, for error messages.
inline constexpr std::string_view k_handle_grammar =
    "staff.<email>, client.<key>, client.id:<Healthie id> or <roster file>:<line>";

}  // namespace rosterform::engine
