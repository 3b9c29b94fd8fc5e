#include "state/sealed_plan.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "state/base64.hpp"
#include "state/crypto.hpp"
#include "state/json_member.hpp"
#include "state/saved_plan.hpp"

namespace rosterform::state {

namespace {

using nlohmann::json;

constexpr std::string_view k_kind = "rosterform-sealed-plan";
constexpr std::string_view k_cipher = "AES-256-GCM";
constexpr std::size_t k_nonce_bytes = 12;

struct Header {
  std::int64_t format_version = 0;
  std::int64_t plan_format_version = 0;
  std::string plan_hash;
  std::string key_fingerprint;
};

// One line per member, in a fixed order: the bytes GCM authenticates.
std::string associated_data(const Header& h) {
  return fmt::format("{}\nformat_version={}\nplan_format_version={}\nplan_hash={}\n"
                     "key_fingerprint={}\n",
                     k_kind, h.format_version, h.plan_format_version, h.plan_hash,
                     h.key_fingerprint);
}

std::string altered(const std::string& origin) {
  return fmt::format(
      "{} was changed after it was made (it does not decrypt under the state key: its "
      "ciphertext, tag or header was altered); a saved plan is applied only exactly as reviewed: "
      "run rosterform plan -out={} again",
      origin, origin);
}

std::string damaged(const std::string& origin, std::string_view what) {
  return fmt::format("damaged encrypted plan {} ({}); plan again", origin, what);
}

engine::Status check_key(const Header& h, const std::string& origin, const StateKey* key) {
  if (key == nullptr) {
    return engine::fail(fmt::format(
        "{} is encrypted with a state key (fingerprint {}), and none is configured; set {} (or "
        "the variable state.key_env names in rosterform.yaml) to the key it was made with",
        origin, h.key_fingerprint, k_default_state_key_env));
  }
  std::string configured = key_fingerprint(*key);
  if (configured != h.key_fingerprint) {
    return engine::fail(fmt::format(
        "{} was encrypted with another state key (fingerprint {}; {} holds the key with "
        "fingerprint {}); set {} to the key the plan was made with",
        origin, h.key_fingerprint, key->env, configured, key->env));
  }
  return {};
}

engine::Result<Sealed> sealed_parts(const json& j, const std::string& origin, std::string& nonce) {
  auto part = [&](const char* name) -> std::optional<std::string> {
    return base64_decode(member_or(j, name, std::string()));
  };
  std::optional<std::string> n = part("nonce");
  std::optional<std::string> ciphertext = part("ciphertext");
  std::optional<std::string> tag = part("tag");
  if (!n || n->size() != k_nonce_bytes || !ciphertext || !tag || tag->size() != 16) {
    return engine::fail(damaged(origin, "nonce, ciphertext or tag is not base64 of the right size"));
  }
  nonce = std::move(*n);
  return Sealed{std::move(*ciphertext), std::move(*tag)};
}

}  // namespace

std::string seal_saved_plan(std::string_view plan_json, const std::string& plan_hash,
                            const StateKey& key) {
  Header h{k_sealed_plan_format_version, k_saved_plan_format_version, plan_hash,
           key_fingerprint(key)};
  std::string nonce = random_bytes(k_nonce_bytes);
  Sealed sealed = seal_aes_256_gcm(derived_plan_key(key), nonce, associated_data(h), plan_json);
  json j = {{"kind", k_kind},
            {"format_version", h.format_version},
            {"plan_format_version", h.plan_format_version},
            {"plan_hash", h.plan_hash},
            {"key_fingerprint", h.key_fingerprint},
            {"cipher", k_cipher},
            {"nonce", base64_encode(nonce)},
            {"ciphertext", base64_encode(sealed.ciphertext)},
            {"tag", base64_encode(sealed.tag)}};
  return j.dump(2) + "\n";
}

bool is_sealed_plan(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() && member_or(j, "kind", std::string()) == k_kind;
}

engine::Result<std::string> open_saved_plan(std::string_view text, const std::string& origin,
                                            const StateKey* key) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object() || member_or(j, "kind", std::string()) != k_kind) {
    return std::string(text);
  }
  Header h{member_or(j, "format_version", std::int64_t{0}),
           member_or(j, "plan_format_version", std::int64_t{0}),
           member_or(j, "plan_hash", std::string()), member_or(j, "key_fingerprint", std::string())};
  if (h.format_version != k_sealed_plan_format_version ||
      member_or(j, "cipher", std::string()) != k_cipher) {
    return engine::fail(fmt::format(
        "{}: encrypted-plan format_version {} ({}) is not supported (this rosterform reads {}, "
        "{}); plan again",
        origin, h.format_version, member_or(j, "cipher", std::string()),
        k_sealed_plan_format_version, k_cipher));
  }
  ROSTERFORM_TRY(check_key(h, origin, key));
  std::string nonce;
  auto sealed = sealed_parts(j, origin, nonce);
  if (!sealed) {
    return tl::unexpected(sealed.error());
  }
  std::string plain;
  if (!open_aes_256_gcm(derived_plan_key(*key), nonce, associated_data(h), *sealed, plain)) {
    return engine::fail(altered(origin));
  }
  // Authenticated, so written by a holder of the key; the inner plan must
  // still be the one the header names (a bug otherwise, or a forged seal).
  json inner = json::parse(plain, nullptr, false);
  if (!inner.is_object() || member_or(inner, "plan_hash", std::string()) != h.plan_hash) {
    return engine::fail(damaged(origin, "the plan inside does not have the plan hash outside"));
  }
  return plain;
}

}  // namespace rosterform::state
