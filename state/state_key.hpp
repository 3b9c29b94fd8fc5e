#pragma once
// The state key: a secret kept outside the state (an environment variable,
// a CI secret) from which the state's HMAC key and the saved-plan
// encryption key are derived (docs/state-format.md, "The state key").
//
// Text form: "rfsk1_" followed by the unpadded base64url of 32 random bytes
// (49 characters), as `rosterform state keygen` prints it. The prefix makes
// a key recognisable to secret scanners and to a person, and names its
// version. Surrounding whitespace (a newline from a secret file) is ignored.
//
// Each use derives its own key with HKDF-SHA256 (fixed salt, a distinct
// `info` per use), so no bytes are ever used for two purposes, and what the
// state stores (`key_fingerprint`) reveals nothing of either key.

#include <optional>
#include <string>
#include <string_view>

#include "engine/result.hpp"

namespace rosterform::state {

inline constexpr std::string_view k_default_state_key_env = "ROSTERFORM_STATE_KEY";
inline constexpr std::string_view k_state_key_prefix = "rfsk1_";
inline constexpr std::size_t k_state_key_bytes = 32;

struct StateKey {
  std::string secret;  // 32 raw bytes; never printed, never written
  std::string env;     // the variable it came from, for messages only
};

// The key named by `key_env` (state.key_env in rosterform.yaml), else by
// ROSTERFORM_STATE_KEY when that is set; nullopt when `key_env` is empty
// and ROSTERFORM_STATE_KEY is unset or empty. A variable named by `key_env`
// that is unset or empty is an error, as is a malformed key; messages name
// the variable, never its value.
[[nodiscard]] engine::Result<std::optional<StateKey>> state_key_from_env(
    const std::string& key_env);

// Parses the text form; `env` names the variable in errors.
[[nodiscard]] engine::Result<StateKey> parse_state_key(std::string_view text,
                                                       const std::string& env);

// A new random key in text form.
[[nodiscard]] std::string generate_state_key();

// "sha256:" + the first 32 hex digits of SHA-256 over bytes derived with
// HKDF for this purpose only: tells two keys apart, and reveals nothing of
// the key or of the keys derived from it.
[[nodiscard]] std::string key_fingerprint(const StateKey& key);

// The state's HMAC key (hex, 32 bytes), as HmacHasher takes it.
[[nodiscard]] std::string derived_hmac_key_hex(const StateKey& key);

// The saved-plan AES-256-GCM key, 32 raw bytes.
[[nodiscard]] std::string derived_plan_key(const StateKey& key);

}  // namespace rosterform::state
