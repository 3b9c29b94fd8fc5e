#pragma once
// The few cryptographic primitives state needs, from OpenSSL's libcrypto:
// random keys, HMAC-SHA256 for last-applied values, SHA-256 for the audit
// chain and plan digests, HKDF-SHA256 to derive keys from a state key, and
// AES-256-GCM for saved plans. Digests and keys are lower-case hex; HKDF and
// AES-GCM work on raw bytes (held in std::string).

#include <cstddef>
#include <string>
#include <string_view>

namespace rosterform::state {

// `bytes` cryptographically random bytes, hex-encoded.
[[nodiscard]] std::string random_hex(std::size_t bytes);

// HMAC-SHA256(key, message); `key_hex` is a hex-encoded key.
[[nodiscard]] std::string hmac_sha256_hex(std::string_view key_hex, std::string_view message);

[[nodiscard]] std::string sha256_hex(std::string_view data);

// `bytes` cryptographically random bytes, raw.
[[nodiscard]] std::string random_bytes(std::size_t bytes);

// Lower-case hex of raw bytes.
[[nodiscard]] std::string hex_of(std::string_view bytes);

// HKDF-SHA256 (RFC 5869): `length` bytes from `secret`, `salt` and `info`.
[[nodiscard]] std::string hkdf_sha256(std::string_view secret, std::string_view salt,
                                      std::string_view info, std::size_t length);

// AES-256-GCM with a 96-bit nonce and a 128-bit tag. `key` is 32 raw bytes,
// `nonce` 12. open_aes_256_gcm returns false when the tag does not verify
// (wrong key, or ciphertext, tag or associated data altered).
struct Sealed {
  std::string ciphertext;
  std::string tag;  // 16 bytes
};
[[nodiscard]] Sealed seal_aes_256_gcm(std::string_view key, std::string_view nonce,
                                      std::string_view aad, std::string_view plaintext);
[[nodiscard]] bool open_aes_256_gcm(std::string_view key, std::string_view nonce,
                                    std::string_view aad, const Sealed& sealed,
                                    std::string& plaintext);

}  // namespace rosterform::state
