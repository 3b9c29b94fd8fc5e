#pragma once
// The identity rules (docs/roster-format.md, "Identity"): how a roster entry
// and a Healthie user are recognised as the same person. The plan computes
// the keys of Healthie's users with the same functions, so both sides agree.
//
// - Staff: the email, lower-cased.
// - Clients, first rule that applies:
//   1. `key`, as written ("mrn-10442");
//   2. "rid:" + record_identifier, as written;
//   3. "email:" + email + "/" + first_name + "/" + last_name, all three
//      lower-cased: Healthie allows two clients with one email when their
//      names differ.

#include <string>
#include <string_view>

namespace rosterform::engine::roster {

[[nodiscard]] std::string staff_key(std::string_view email);

// Empty arguments are "not given". Returns "" when no rule applies (no key,
// no record_identifier, and the email or a name missing).
[[nodiscard]] std::string client_key(std::string_view key, std::string_view record_identifier,
                                     std::string_view email, std::string_view first_name,
                                     std::string_view last_name);

// Whether `text` may be a client `key`: 1 to 64 letters, digits, '.', '_'
// or '-' (so it can never look like the "rid:"/"email:" forms).
[[nodiscard]] bool is_valid_key(std::string_view text);

}  // namespace rosterform::engine::roster
