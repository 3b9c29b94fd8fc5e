// Saved plans encrypted under the state key: AES-256-GCM round trip, and a
// clear refusal for another key, no key, and any altered byte.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "state/base64.hpp"
#include "state/crypto.hpp"
#include "state/saved_plan.hpp"
#include "state/sealed_plan.hpp"
#include "state/state_key.hpp"

using namespace rosterform;
using nlohmann::json;

namespace {

state::StateKey make_key(const std::string& env = "ROSTERFORM_STATE_KEY") {
  auto k = state::parse_state_key(state::generate_state_key(), env);
  REQUIRE(k);
  return *k;
}

const std::string k_plan =
    R"({"kind": "rosterform-saved-plan", "plan_hash": "ph1", "changes": [{"dob": "1990-04-01"}]})";

const std::string k_altered =
    "a.plan was changed after it was made (it does not decrypt under the state key: its "
    "ciphertext, tag or header was altered); a saved plan is applied only exactly as reviewed: "
    "run rosterform plan -out=a.plan again";

// `text` with one member replaced.
std::string with(const std::string& text, const std::string& member, const json& value) {
  json j = json::parse(text);
  j[member] = value;
  return j.dump(2);
}

// The base64 member with its first byte flipped.
std::string flipped(const std::string& text, const std::string& member) {
  json j = json::parse(text);
  std::string bytes = *state::base64_decode(j.at(member).get<std::string>());
  bytes[0] = static_cast<char>(bytes[0] ^ 1);
  return with(text, member, state::base64_encode(bytes));
}

}  // namespace

TEST_CASE("AES-256-GCM opens what it sealed, and nothing altered") {
  std::string key(32, 'k');
  std::string nonce(12, 'n');
  state::Sealed sealed = state::seal_aes_256_gcm(key, nonce, "aad", "secret text");
  CHECK(sealed.ciphertext.size() == 11U);
  CHECK(sealed.tag.size() == 16U);
  std::string plain;
  CHECK(state::open_aes_256_gcm(key, nonce, "aad", sealed, plain));
  CHECK(plain == "secret text");
  CHECK_FALSE(state::open_aes_256_gcm(std::string(32, 'x'), nonce, "aad", sealed, plain));
  CHECK_FALSE(state::open_aes_256_gcm(key, nonce, "aae", sealed, plain));
  state::Sealed bad = sealed;
  bad.tag[3] = static_cast<char>(bad.tag[3] ^ 1);
  CHECK_FALSE(state::open_aes_256_gcm(key, nonce, "aad", bad, plain));
}

TEST_CASE("a sealed plan shows its hash and fingerprint, and nothing of the plan") {
  state::StateKey k = make_key();
  std::string sealed = state::seal_saved_plan(k_plan, "ph1", k);
  CHECK(state::is_sealed_plan(sealed));
  CHECK_FALSE(state::is_sealed_plan(k_plan));
  json j = json::parse(sealed);
  CHECK(j.at("kind") == "rosterform-sealed-plan");
  CHECK(j.at("format_version") == 1);
  CHECK(j.at("plan_format_version") == state::k_saved_plan_format_version);
  CHECK(j.at("plan_hash") == "ph1");
  CHECK(j.at("key_fingerprint") == state::key_fingerprint(k));
  CHECK(j.at("cipher") == "AES-256-GCM");
  CHECK(state::base64_decode(j.at("nonce").get<std::string>())->size() == 12U);
  CHECK(sealed.find("1990-04-01") == std::string::npos);
  CHECK(sealed.find("changes") == std::string::npos);
  auto opened = state::open_saved_plan(sealed, "a.plan", &k);
  REQUIRE(opened);
  CHECK(*opened == k_plan);
  // Two seals of one plan differ (a fresh nonce each time).
  CHECK(state::seal_saved_plan(k_plan, "ph1", k) != sealed);
  // A plain plan passes through.
  CHECK(*state::open_saved_plan(k_plan, "a.plan", nullptr) == k_plan);
}

TEST_CASE("a sealed plan under another key, or with no key, is refused naming the fingerprints") {
  state::StateKey k = make_key();
  state::StateKey other = make_key("CLINIC_KEY");
  std::string sealed = state::seal_saved_plan(k_plan, "ph1", k);
  auto wrong = state::open_saved_plan(sealed, "a.plan", &other);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message ==
        "a.plan was encrypted with another state key (fingerprint " + state::key_fingerprint(k) +
            "; CLINIC_KEY holds the key with fingerprint " + state::key_fingerprint(other) +
            "); set CLINIC_KEY to the key the plan was made with");
  auto none = state::open_saved_plan(sealed, "a.plan", nullptr);
  REQUIRE_FALSE(none);
  CHECK(none.error().message ==
        "a.plan is encrypted with a state key (fingerprint " + state::key_fingerprint(k) +
            "), and none is configured; set ROSTERFORM_STATE_KEY (or the variable state.key_env "
            "names in rosterform.yaml) to the key it was made with");
}

TEST_CASE("a sealed plan with an altered ciphertext, tag or header is refused") {
  state::StateKey k = make_key();
  std::string sealed = state::seal_saved_plan(k_plan, "ph1", k);
  for (const std::string& bad :
       {flipped(sealed, "ciphertext"), flipped(sealed, "tag"), flipped(sealed, "nonce"),
        with(sealed, "plan_hash", "ph2"), with(sealed, "plan_format_version", 1)}) {
    auto opened = state::open_saved_plan(bad, "a.plan", &k);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().message == k_altered);
  }
  auto cut = state::open_saved_plan(with(sealed, "tag", "AAAA"), "a.plan", &k);
  REQUIRE_FALSE(cut);
  CHECK(cut.error().message ==
        "damaged encrypted plan a.plan (nonce, ciphertext or tag is not base64 of the right "
        "size); plan again");
  auto future = state::open_saved_plan(with(sealed, "format_version", 9), "a.plan", &k);
  REQUIRE_FALSE(future);
  CHECK(future.error().message ==
        "a.plan: encrypted-plan format_version 9 (AES-256-GCM) is not supported (this rosterform "
        "reads 1, AES-256-GCM); plan again");
}

TEST_CASE("a sealed plan whose inner plan hash differs from its header is refused") {
  state::StateKey k = make_key();
  std::string sealed = state::seal_saved_plan(k_plan, "another-hash", k);
  auto opened = state::open_saved_plan(sealed, "a.plan", &k);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().message ==
        "damaged encrypted plan a.plan (the plan inside does not have the plan hash outside); "
        "plan again");
}
