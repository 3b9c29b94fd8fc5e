#pragma once
// A key that cannot be right is refused before any request: sending it
// would only earn "API Key is Invalid" (and count against the key's lockout
// budget), and one with a "Basic " prefix of its own would go out as
// "Authorization: Basic Basic ...". The messages say which problem it is and
// never show the key.

#include <optional>
#include <string>
#include <string_view>

namespace rosterform::healthie {

// What is wrong with `key` ("it has whitespace at its start or end (a pasted
// newline?); remove it"),
// or nullopt when it may be sent. An empty key is the caller's to report.
[[nodiscard]] std::optional<std::string> api_key_problem(std::string_view key);

}  // namespace rosterform::healthie
