#include <doctest/doctest.h>

#include "state/crypto.hpp"

using namespace rosterform::state;

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2") {
  // key "Jefe", data "what do ya want for nothing?"
  CHECK(hmac_sha256_hex("4a656665", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("SHA-256 of the empty string") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("random keys are hex of the requested length and differ") {
  std::string a = random_hex(32);
  CHECK(a.size() == 64U);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != random_hex(32));
}
