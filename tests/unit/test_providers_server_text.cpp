#include <doctest/doctest.h>

#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/notices.hpp"
#include "providers/healthie/response.hpp"
#include "providers/healthie/server_text.hpp"

using namespace rosterform;
using healthie::server_text;

namespace {
http::Response answer(std::string body) {
  http::Response r;
  r.status = 200;
  r.body = std::move(body);
  return r;
}
constexpr std::string_view k_key = "gh_sbox_Secret123KeyXYZ";
}  // namespace

TEST_CASE("server text: graphql-ruby's coercion error keeps the names, not the values") {
  CHECK(
      server_text("Variable $input of type createClientInput! was provided invalid value for "
                  "first_name (Could not coerce value \"Lena\" to String), email (Could not "
                  "coerce value {a: \"lena@mail.example\", (b)} to Email), dob (1990-01-02 is not "
                  "a date)",
                  "") ==
      "Variable $input of type createClientInput! was provided invalid value for first_name, "
      "email, dob");
  CHECK(server_text("Variable $input of type T was provided invalid value for a (Could not coerce "
                    "value \"x), Secret (\\\" , y\" to String), b (why)",
                    "") == "Variable $input of type T was provided invalid value for a, b");
  CHECK(server_text("Variable $offset of type Int was provided invalid value", "") ==
        "Variable $offset of type Int was provided invalid value");
  CHECK(server_text("Variable \"$input\" got invalid value { first_name: \"Lena\" }; Field "
                    "\"x\" is not defined",
                    "") == "Variable $input got invalid value");
}

TEST_CASE("server text: quoted strings, emails and numbers become [value]") {
  CHECK(server_text("Could not find \"Lena Hoffmann\" or 'MSN-8888'", "") ==
        "Could not find [value] or [value]");
  CHECK(server_text("Email lena.hoffmann@mail.example can't be used by O'Brien", "") ==
        "Email [value] can't be used by O'Brien");
  CHECK(server_text("Phone 555-020-0001, dob 1990-01-02, MRN MSN-8888, id 4021, 1 error", "") ==
        "Phone [value], dob [value], MRN MSN-[value], id [value], 1 error");
  CHECK(server_text("Email can't be blank", "") == "Email can't be blank");
}

TEST_CASE("server text: the key is redacted before anything else") {
  CHECK(server_text(std::string("Authorization: Basic ") + std::string(k_key), k_key) ==
        "Authorization: Basic [REDACTED]");
  CHECK(server_text(std::string("key=\"") + std::string(k_key) + "\"", k_key) == "key=[value]");
}

TEST_CASE("server text: one line, control characters escaped, bounded") {
  CHECK(server_text("line one\nline two\r\x1b[2J\t end\xe2\x80\xae", "") ==
        "line one line two [2J end\\u202e");
  std::string longer(5000, 'x');
  std::string cut = server_text(longer, "");
  CHECK(cut.size() == healthie::k_server_text_limit + 3);
  CHECK(cut.substr(cut.size() - 3) == "...");
}

TEST_CASE("server text: release dates stay in API-version messages only") {
  CHECK(server_text("Unsupported API version: 2026-01-01", "", true) ==
        "Unsupported API version: 2026-01-01");
  CHECK(server_text("Unsupported API version: 2026-01-01", "") ==
        "Unsupported API version: [value]");
  CHECK(server_text("born 1990-01-02, call 555-020-0001", "", true) ==
        "born 1990-01-02, call [value]");
}

TEST_CASE("server text: codes and dates are kept only when they look like codes and dates") {
  CHECK(healthie::server_code("TOO_MANY_REQUESTS") == "TOO_MANY_REQUESTS");
  CHECK(healthie::server_code("lena@mail.example") == "UNPRINTABLE_CODE");
  CHECK(healthie::server_code("\x1b[2J") == "UNPRINTABLE_CODE");
  CHECK(healthie::server_code("") == "");
  CHECK(healthie::server_date("2027-01-31") == "2027-01-31");
  CHECK(healthie::server_date("2027-01-31 \x1b") == "");
}

TEST_CASE("server text: classify masks errors, validation messages and warnings") {
  auto c = healthie::classify(
      answer(
          R"j({"errors":[{"message":"Variable $input of type createClientInput! was provided invalid value for email (Could not coerce value \"lena@mail.example\" to String)","extensions":{"code":"lena@mail.example","value":{"email":"lena@mail.example"}}}],)j"
          R"j("extensions":{"warnings":[{"code":"DEBUG","message":"Authorization: Basic gh_sbox_Secret123KeyXYZ","sunset_date":"\u001b[2J"}]}})j"),
      "", k_key);
  CHECK(c.kind == healthie::ResponseKind::graphql_errors);
  CHECK(c.code == "UNPRINTABLE_CODE");
  CHECK(healthie::call_failure("reading clients", c) ==
        "reading clients: Healthie returned an error [UNPRINTABLE_CODE]: Variable $input of type "
        "createClientInput! was provided invalid value for email");
  REQUIRE(c.warnings.size() == 1);
  CHECK(healthie::describe(c.warnings[0]) == "Healthie: DEBUG: Authorization: Basic [REDACTED]");

  auto v = healthie::classify(
      answer(
          R"j({"data":{"createClient":{"user":null,"messages":[{"field":"email","message":"Email lena@mail.example is taken by \"Lena\""}]}}})j"),
      "createClient", k_key);
  REQUIRE(v.messages.size() == 1);
  CHECK(v.messages[0].message == "Email [value] is taken by [value]");
}

TEST_CASE("server text: the sunset warning keeps its dates") {
  auto c = healthie::classify(
      answer(
          R"j({"data":{},"extensions":{"warnings":[{"code":"API_VERSION_SUNSET_WARNING","message":"API version 2024-06-01 is deprecated and will stop working on 2027-01-31.","sunset_date":"2027-01-31"}]}})j"),
      "", k_key);
  REQUIRE(c.warnings.size() == 1);
  CHECK(healthie::describe(c.warnings[0]) ==
        "Healthie: API_VERSION_SUNSET_WARNING: API version 2024-06-01 is deprecated and will stop "
        "working on 2027-01-31.");
}
