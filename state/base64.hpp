#pragma once
// Base64 (RFC 4648) for the binary parts of state keys and sealed plans:
// the standard alphabet with padding for JSON members, the URL alphabet
// without padding for keys (safe in environment variables and CI secrets).

#include <optional>
#include <string>
#include <string_view>

namespace rosterform::state {

enum class Base64 { standard, url };

[[nodiscard]] std::string base64_encode(std::string_view bytes, Base64 alphabet = Base64::standard);

// nullopt for a character outside the alphabet, a bad length or bad
// padding. The URL form takes no padding; the standard form requires it.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text,
                                                       Base64 alphabet = Base64::standard);

}  // namespace rosterform::state
