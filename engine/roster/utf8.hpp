#pragma once
// UTF-8 validity for roster text. Every string the loader hands on must be
// valid UTF-8: the plan renders it, and Healthie's JSON requires it (a bad
// byte otherwise surfaces only at apply, as an internal error).

#include <cstddef>
#include <string>
#include <string_view>

namespace rosterform::engine::roster {

// The offset of the first byte that does not belong to a well-formed UTF-8
// sequence (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF), or text.size() when all of it is valid.
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view text);

// `text` with each invalid byte replaced by '?', so reading can go on after
// the error is reported.
[[nodiscard]] std::string replace_invalid_utf8(std::string_view text);

}  // namespace rosterform::engine::roster
