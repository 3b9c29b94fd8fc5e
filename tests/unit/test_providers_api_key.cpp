#include <doctest/doctest.h>

#include "providers/healthie/api_key.hpp"
#include "providers/healthie/healthie_provider.hpp"
#include "support/fake_transport.hpp"

using namespace rosterform;

TEST_CASE("api key: a key that cannot be right is refused with the reason, never the key") {
  using healthie::api_key_problem;
  CHECK_FALSE(api_key_problem("gh_sbox_abc123"));
  CHECK(api_key_problem("Basic gh_sbox_abc123").value() ==
        "it starts with \"Basic \"; set the variable to the key alone (rosterform sends "
        "Authorization: Basic <key> itself)");
  CHECK(api_key_problem("bearer gh_sbox_abc123").value() ==
        "it starts with \"Bearer \"; set the variable to the key alone (Healthie takes "
        "Authorization: Basic <key>, which rosterform sends itself)");
  CHECK(api_key_problem("gh_sbox_abc123\n").value() ==
        "it has whitespace at its start or end (a pasted newline?); remove it");
  CHECK(api_key_problem(" gh_sbox_abc123").value() ==
        "it has whitespace at its start or end (a pasted newline?); remove it");
  CHECK(api_key_problem("gh_sbox abc123").value() ==
        "it contains whitespace; a Healthie key is one word, copy it again from Healthie");
  CHECK(api_key_problem("gh_sbox\x1b[2Jabc").value() ==
        "it contains a control character; copy the key again from Healthie");
  CHECK(api_key_problem("gh_sbox_\xc2\xa0x").value() ==
        "it contains a character that is not ASCII; copy the key again from Healthie");
}

TEST_CASE("api key: the provider factory refuses such a key before any request") {
  healthie::ProviderConfig config;
  config.endpoint = "http://127.0.0.1:9/graphql";
  config.api_key = "Bearer gh_sbox_abc123";
  int sent = 0;
  auto r = healthie::make_healthie_provider(
      config, std::make_unique<testing::FakeTransport>([&](const http::Request&) {
        ++sent;
        return http::Response{};
      }));
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "the Healthie API key was not sent: it starts with \"Bearer \"; set the variable to the "
        "key alone (Healthie takes Authorization: Basic <key>, which rosterform sends itself)");
  CHECK(sent == 0);
}
