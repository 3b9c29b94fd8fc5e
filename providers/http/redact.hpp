#pragma once
// Secrets must never reach a log, an error or a file. Every message built
// from transport data goes through redact() with the key it might contain.

#include <string>
#include <string_view>

namespace rosterform::http {

// Replaces every occurrence of `secret` in `text` with "[REDACTED]". An empty
// secret leaves the text unchanged.
[[nodiscard]] std::string redact(std::string_view text, std::string_view secret);

}  // namespace rosterform::http
