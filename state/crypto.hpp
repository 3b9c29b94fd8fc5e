#pragma once
// The few cryptographic primitives state needs, from OpenSSL's libcrypto:
// random keys, HMAC-SHA256 for last-applied values, SHA-256 for the audit
// chain and plan digests. Everything is lower-case hex.

#include <cstddef>
#include <string>
#include <string_view>

namespace rosterform::state {

// `bytes` cryptographically random bytes, hex-encoded.
[[nodiscard]] std::string random_hex(std::size_t bytes);

// HMAC-SHA256(key, message); `key_hex` is a hex-encoded key.
[[nodiscard]] std::string hmac_sha256_hex(std::string_view key_hex, std::string_view message);

[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace rosterform::state
