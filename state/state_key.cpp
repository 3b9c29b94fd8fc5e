#include "state/state_key.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "state/base64.hpp"
#include "state/command_hint.hpp"
#include "state/crypto.hpp"

namespace rosterform::state {

namespace {

// Fixed: the secret is already uniformly random, so the salt only binds
// the derivations to rosterform. Changing any of these strings changes
// every derived key.
constexpr std::string_view k_salt = "rosterform state key";
constexpr std::string_view k_info_hmac = "rosterform v1 state hmac-sha256 key";
constexpr std::string_view k_info_plan = "rosterform v1 saved-plan aes-256-gcm key";
constexpr std::string_view k_info_fingerprint = "rosterform v1 key fingerprint";

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view k_space = " \t\r\n";
  std::size_t first = text.find_first_not_of(k_space);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(k_space) - first + 1);
}

std::string env_value(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v != nullptr ? std::string(v) : std::string();
}

}  // namespace

engine::Result<StateKey> parse_state_key(std::string_view text, const std::string& env) {
  std::string_view key = trimmed(text);
  std::optional<std::string> secret;
  if (key.starts_with(k_state_key_prefix)) {
    secret = base64_decode(key.substr(k_state_key_prefix.size()), Base64::url);
  }
  if (!secret || secret->size() != k_state_key_bytes) {
    return engine::fail(fmt::format(
        "the environment variable {} does not hold a rosterform state key (expected {} followed "
        "by 43 base64url characters); make one with: {}",
        env, k_state_key_prefix, keygen_command()));
  }
  return StateKey{std::move(*secret), env};
}

engine::Result<std::optional<StateKey>> state_key_from_env(const std::string& key_env) {
  std::string name = key_env.empty() ? std::string(k_default_state_key_env) : key_env;
  std::string value = env_value(name);
  if (trimmed(value).empty()) {
    if (key_env.empty()) {
      return std::optional<StateKey>();
    }
    return engine::fail(fmt::format(
        "no state key: state.key_env in rosterform.yaml names the environment variable {}, which "
        "is unset or empty; set it to the state key (make one with: {})",
        name, keygen_command()));
  }
  auto key = parse_state_key(value, name);
  if (!key) {
    return tl::unexpected(key.error());
  }
  return std::optional<StateKey>(std::move(*key));
}

std::string generate_state_key() {
  return std::string(k_state_key_prefix) +
         base64_encode(random_bytes(k_state_key_bytes), Base64::url);
}

std::string key_fingerprint(const StateKey& key) {
  return "sha256:" + sha256_hex(hkdf_sha256(key.secret, k_salt, k_info_fingerprint, 32)).substr(0, 32);
}

std::string derived_hmac_key_hex(const StateKey& key) {
  return hex_of(hkdf_sha256(key.secret, k_salt, k_info_hmac, 32));
}

std::string derived_plan_key(const StateKey& key) {
  return hkdf_sha256(key.secret, k_salt, k_info_plan, 32);
}

}  // namespace rosterform::state
