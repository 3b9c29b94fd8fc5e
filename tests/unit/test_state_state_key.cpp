// The state key: its text form, where it is read from, what is derived
// from it, and how the state file keeps it out.
#include <doctest/doctest.h>

#include <cstdlib>

#include "state/backend.hpp"
#include "state/base64.hpp"
#include "state/crypto.hpp"
#include "state/hmac_hasher.hpp"
#include "state/local_backend.hpp"
#include "state/private_file.hpp"
#include "state/state_codec.hpp"
#include "state/state_key.hpp"
#include "support/temp_dir.hpp"

using namespace rosterform;

namespace {

// A fixed key: 32 bytes 0x00..0x1f.
std::string fixed_key_text() {
  std::string bytes;
  for (int i = 0; i < 32; ++i) {
    bytes += static_cast<char>(i);
  }
  return "rfsk1_" + state::base64_encode(bytes, state::Base64::url);
}

state::StateKey key(const std::string& text, const std::string& env = "ROSTERFORM_STATE_KEY") {
  auto k = state::parse_state_key(text, env);
  REQUIRE(k);
  return *k;
}

// Sets (or, with nullptr, unsets) an environment variable for one test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

const std::string k_malformed_suffix =
    " does not hold a rosterform state key (expected rfsk1_ followed by 43 base64url "
    "characters); make one with: rosterform state keygen";

}  // namespace

TEST_CASE("base64 round-trips and refuses what is not base64") {
  for (std::string bytes : {std::string(), std::string("f"), std::string("fo"),
                            std::string("foo"), std::string("foob"), std::string("\xff\x00\x10", 3)}) {
    CHECK(state::base64_decode(state::base64_encode(bytes)) == bytes);
    CHECK(state::base64_decode(state::base64_encode(bytes, state::Base64::url),
                               state::Base64::url) == bytes);
  }
  CHECK(state::base64_encode("foob") == "Zm9vYg==");
  CHECK(state::base64_encode("\xfb\xff", state::Base64::url) == "-_8");
  CHECK_FALSE(state::base64_decode("Zm9vYg="));
  CHECK_FALSE(state::base64_decode("Zm9v!g=="));
  CHECK_FALSE(state::base64_decode("Zm9vYh=="));  // non-zero bits after the last byte
}

TEST_CASE("a state key is rfsk1_ and 43 base64url characters; keygen makes new ones") {
  std::string made = state::generate_state_key();
  CHECK(made.size() == 49U);
  CHECK(made.starts_with("rfsk1_"));
  CHECK(made.find_first_not_of(
            "rfsk1_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") ==
        std::string::npos);
  CHECK(made != state::generate_state_key());
  CHECK(key(made).secret.size() == 32U);
  CHECK(key(" " + fixed_key_text() + "\n").secret == key(fixed_key_text()).secret);
}

TEST_CASE("a malformed state key is refused without echoing it") {
  for (std::string bad : {std::string("hunter2"), fixed_key_text().substr(0, 40),
                          "rfsk2_" + fixed_key_text().substr(6), fixed_key_text() + "AA"}) {
    auto k = state::parse_state_key(bad, "CLINIC_KEY");
    REQUIRE_FALSE(k);
    CHECK(k.error().message == "the environment variable CLINIC_KEY" + k_malformed_suffix);
  }
}

TEST_CASE("the state key comes from key_env, else ROSTERFORM_STATE_KEY") {
  ScopedEnv fallback("ROSTERFORM_STATE_KEY", nullptr);
  ScopedEnv named("RF_TEST_CLINIC_KEY", nullptr);
  auto none = state::state_key_from_env("");
  REQUIRE(none);
  CHECK_FALSE(none->has_value());

  auto missing = state::state_key_from_env("RF_TEST_CLINIC_KEY");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message ==
        "no state key: state.key_env in rosterform.yaml names the environment variable "
        "RF_TEST_CLINIC_KEY, which is unset or empty; set it to the state key (make one with: "
        "rosterform state keygen)");

  ::setenv("ROSTERFORM_STATE_KEY", fixed_key_text().c_str(), 1);
  auto fallen = state::state_key_from_env("");
  REQUIRE(fallen);
  REQUIRE(fallen->has_value());
  CHECK((*fallen)->env == "ROSTERFORM_STATE_KEY");

  ::setenv("RF_TEST_CLINIC_KEY", "not a key", 1);
  auto bad = state::state_key_from_env("RF_TEST_CLINIC_KEY");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "the environment variable RF_TEST_CLINIC_KEY" + k_malformed_suffix);
}

TEST_CASE("keys derived from the state key are separate, stable, and never the key itself") {
  state::StateKey k = key(fixed_key_text());
  std::string hmac = state::derived_hmac_key_hex(k);
  std::string plan = state::hex_of(state::derived_plan_key(k));
  std::string fingerprint = state::key_fingerprint(k);
  CHECK(hmac.size() == 64U);
  CHECK(plan.size() == 64U);
  CHECK(hmac != plan);
  CHECK(hmac != state::hex_of(k.secret));
  CHECK(plan != state::hex_of(k.secret));
  CHECK(fingerprint.starts_with("sha256:"));
  CHECK(fingerprint.size() == 7U + 32U);
  CHECK(hmac.find(fingerprint.substr(7)) == std::string::npos);
  CHECK(plan.find(fingerprint.substr(7)) == std::string::npos);
  // Stable: the same key derives the same keys on every run.
  CHECK(state::derived_hmac_key_hex(key(fixed_key_text())) == hmac);
  CHECK(state::key_fingerprint(key(state::generate_state_key())) != fingerprint);
}

TEST_CASE("HKDF-SHA256 matches RFC 5869 test case 1") {
  std::string ikm(22, '\x0b');
  std::string salt;
  for (int i = 0; i <= 0x0c; ++i) {
    salt += static_cast<char>(i);
  }
  std::string info;
  for (int i = 0xf0; i <= 0xf9; ++i) {
    info += static_cast<char>(i);
  }
  CHECK(state::hex_of(state::hkdf_sha256(ikm, salt, info, 42)) ==
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

TEST_CASE("a state under a state key keeps its fingerprint, never a key") {
  state::StateKey k = key(fixed_key_text());
  state::StateFile s = state::new_state(&k);
  s.resources["client.mrn-1"] = {engine::Kind::client, "2001", "", {{"dob", "ab"}}};
  std::string text = state::encode_state(s);
  CHECK(text.find("\"hmac_key\"") == std::string::npos);
  CHECK(text.find(s.hmac_key) == std::string::npos);
  CHECK(text.find("\"key_fingerprint\": \"" + state::key_fingerprint(k) + "\"") !=
        std::string::npos);
  CHECK(text.find("\"format_version\": 2") != std::string::npos);
  auto back = state::decode_state(text, "s.json", &k);
  REQUIRE(back);
  CHECK(*back == s);
  CHECK(back->hmac_key == state::derived_hmac_key_hex(k));
}

TEST_CASE("a state without a state key keeps format 1 and its own key") {
  state::StateFile s = state::new_state();
  std::string text = state::encode_state(s);
  CHECK(text.find("\"hmac_key\": \"" + s.hmac_key + "\"") != std::string::npos);
  CHECK(text.find("\"format_version\": 1") != std::string::npos);
  CHECK(text.find("key_fingerprint") == std::string::npos);
  auto back = state::decode_state(text, "s.json");
  REQUIRE(back);
  CHECK(*back == s);
  // As an earlier rosterform wrote it.
  auto old = state::decode_state(
      R"({"format_version": 1, "lineage": "l1", "serial": 4, "hmac_key": ")" +
          std::string(64, 'a') + R"(", "resources": {}})",
      "old.json");
  REQUIRE(old);
  CHECK(old->serial == 4U);
  CHECK_FALSE(old->external_key());
}

TEST_CASE("a state and a state key that do not go together are refused clearly") {
  state::StateKey k = key(fixed_key_text(), "CLINIC_KEY");
  state::StateKey other = key(state::generate_state_key(), "CLINIC_KEY");
  std::string external = state::encode_state(state::new_state(&k));
  std::string embedded = state::encode_state(state::new_state());

  auto wrong = state::decode_state(external, "s.json", &other);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message ==
        "state file s.json: this state was written with another key (fingerprint " +
            state::key_fingerprint(k) + "; CLINIC_KEY holds the key with fingerprint " +
            state::key_fingerprint(other) +
            "); set CLINIC_KEY to the key it was written with");

  auto none = state::decode_state(external, "s.json");
  REQUIRE_FALSE(none);
  CHECK(none.error().message ==
        "state file s.json was written with a state key (fingerprint " + state::key_fingerprint(k) +
            "), and none is configured; set ROSTERFORM_STATE_KEY (or the variable state.key_env "
            "names in rosterform.yaml) to the key it was written with");

  auto unmigrated = state::decode_state(embedded, ".rosterform/state.json", &k);
  REQUIRE_FALSE(unmigrated);
  CHECK(unmigrated.error().message ==
        "state file .rosterform/state.json keeps its own HMAC key, but a state key is configured "
        "(CLINIC_KEY); move the key out of the state with: rosterform state migrate");

  auto both = state::decode_state(
      R"({"format_version": 2, "lineage": "l", "key_fingerprint": "sha256:00", "hmac_key": "x"})",
      "s.json", &k);
  REQUIRE_FALSE(both);
  CHECK(both.error().message ==
        "state file s.json: missing or malformed 'lineage' or 'key_fingerprint'");

  // A key of the right length that is not hex would only fail when first used.
  auto not_hex = state::decode_state(
      R"({"format_version": 1, "lineage": "l", "hmac_key": ")" + std::string(64, 'z') + R"("})",
      "s.json");
  REQUIRE_FALSE(not_hex);
  CHECK(not_hex.error().message == "state file s.json: missing or malformed 'lineage' or 'hmac_key'");
}

TEST_CASE("the local backend with a state key never writes the key") {
  testing::TempDir dir;
  state::StateKey k = key(fixed_key_text());
  state::LocalBackend backend(dir.file(".rosterform/state.json"), {}, k);
  auto fresh = backend.load();
  REQUIRE(fresh);
  CHECK(fresh->key_fingerprint == state::key_fingerprint(k));
  REQUIRE(backend.save(*fresh));
  auto text = state::read_file(backend.path());
  REQUIRE(text);
  CHECK(text->find(fresh->hmac_key) == std::string::npos);
  CHECK(text->find(fixed_key_text().substr(6)) == std::string::npos);
  auto again = backend.load();
  REQUIRE(again);
  CHECK(again->hmac_key == fresh->hmac_key);
  state::LocalBackend keyless(backend.path());
  CHECK_FALSE(keyless.load());
  auto made = state::LocalBackend(dir.file("other/state.json"), {}, k).start_new_state();
  REQUIRE(made);
  CHECK(made->state.external_key());
}
