#include <doctest/doctest.h>

#include "providers/healthie/response.hpp"

using namespace rosterform;
using healthie::classify;
using healthie::ResponseKind;

namespace {

http::Response answer(std::string body, long status = 200) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("provider: classify: ok, with data") {
  auto c = classify(answer(R"({"data":{"currentUser":{"id":"1"}}})"), "");
  CHECK(c.kind == ResponseKind::ok);
  CHECK(c.json != nullptr);
}

TEST_CASE("provider: classify: validation messages in the mutation payload") {
  auto c = classify(
      answer(
          R"({"data":{"createClient":{"user":null,"messages":[{"field":"email","message":"Email is invalid"},{"field":null,"message":"Other"}]}}})"),
      "createClient");
  CHECK(c.kind == ResponseKind::validation);
  REQUIRE(c.messages.size() == 2);
  CHECK(c.messages[0].field == "email");
  CHECK(c.messages[0].message == "Email is invalid");
  CHECK(c.messages[1].field == "");
  // Empty or null messages are success.
  CHECK(classify(answer(R"({"data":{"createClient":{"user":{"id":"1"},"messages":[]}}})"),
                 "createClient")
            .kind == ResponseKind::ok);
  CHECK(classify(answer(R"({"data":{"createClient":{"user":{"id":"1"},"messages":null}}})"),
                 "createClient")
            .kind == ResponseKind::ok);
}

TEST_CASE("provider: classify: GraphQL errors keep extensions.code") {
  auto c = classify(
      answer(
          R"({"errors":[{"message":"Unsupported API version: 2023-01-01","extensions":{"code":"UNSUPPORTED_API_VERSION"}}]})"),
      "");
  CHECK(c.kind == ResponseKind::graphql_errors);
  CHECK(c.code == "UNSUPPORTED_API_VERSION");
  CHECK(c.detail == "Unsupported API version: 2023-01-01");
}

TEST_CASE(
    "provider: classify: a mutation's null payload plus errors ran, so its outcome is unknown") {
  auto c = classify(
      answer(
          R"({"data":{"createClient":null},"errors":[{"message":"Internal server error","path":["createClient"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]})"),
      "createClient");
  CHECK(c.kind == ResponseKind::execution_errors);
  CHECK(c.code == "INTERNAL_SERVER_ERROR");
  CHECK(outcome_unknown(c));
  // Without `data` the document never ran (GraphQL's rule): a plain failure.
  auto before =
      classify(answer(R"({"errors":[{"message":"Variable $input is invalid"}]})"), "createClient");
  CHECK(before.kind == ResponseKind::graphql_errors);
  CHECK_FALSE(outcome_unknown(before));
  // A query's errors are never about a mutation that ran.
  CHECK(classify(answer(R"({"data":{"users":null},"errors":[{"message":"x"}]})"), "").kind ==
        ResponseKind::graphql_errors);
  // Throttling still wins: Healthie refused it before running it.
  CHECK(
      classify(
          answer(
              R"({"data":null,"errors":[{"message":"Too many requests.","extensions":{"code":"TOO_MANY_REQUESTS"}}]})"),
          "createClient")
          .kind == ResponseKind::throttled);
}

TEST_CASE("provider: classify: throttling as a GraphQL error or HTTP 429") {
  auto c = classify(
      answer(
          R"({"errors":[{"message":"Too many requests. Please try again later.","extensions":{"code":"TOO_MANY_REQUESTS"}}]})"),
      "");
  CHECK(c.kind == ResponseKind::throttled);
  CHECK(c.code == "TOO_MANY_REQUESTS");
  CHECK(classify(answer("", 429), "").kind == ResponseKind::throttled);
  // A top-level code (as some clients read it) counts too.
  CHECK(
      classify(answer(R"({"errors":[{"message":"slow","code":"TOO_MANY_REQUESTS"}]})"), "").kind ==
      ResponseKind::throttled);
}

TEST_CASE("provider: classify: auth failures") {
  CHECK(classify(answer(R"({"errors":[{"message":"API Key is Invalid"}]})"), "").kind ==
        ResponseKind::auth_failure);
  CHECK(classify(answer("Unauthorized", 401), "").kind == ResponseKind::auth_failure);
}

TEST_CASE("provider: classify: server errors, transport errors and malformed bodies") {
  auto html =
      classify(answer("<html><body><h1>503 Service Unavailable</h1></body></html>", 503), "");
  CHECK(html.kind == ResponseKind::server_error);
  CHECK(html.detail == "HTTP 503");
  CHECK(healthie::outcome_unknown(html));

  auto truncated = classify(answer(R"({"data":{"users":[{"id":"1"},{"i)"), "");
  CHECK(truncated.kind == ResponseKind::malformed);
  CHECK(truncated.detail == "the response body is not valid JSON");
  CHECK(healthie::outcome_unknown(truncated));

  CHECK(classify(answer(R"({"nothing":1})"), "").kind == ResponseKind::malformed);

  http::Response lost;
  lost.failure = http::TransportFailure::connection_lost;
  lost.failure_text = "Recv failure: Connection reset by peer";
  auto t = classify(lost, "");
  CHECK(t.kind == ResponseKind::transport_error);
  CHECK(t.detail == "connection lost: Recv failure: Connection reset by peer");
  CHECK(healthie::outcome_unknown(t));

  http::Response refused;
  refused.failure = http::TransportFailure::not_sent;
  CHECK_FALSE(healthie::outcome_unknown(classify(refused, "")));
}

TEST_CASE("provider: classify: extensions.warnings are read on any answer") {
  auto c = classify(
      answer(
          R"({"data":{"currentUser":null},"extensions":{"warnings":[{"code":"API_VERSION_SUNSET_WARNING","message":"API version 2024-06-01 is deprecated.","sunset_date":"2027-01-31"}]}})"),
      "");
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].code == "API_VERSION_SUNSET_WARNING");
  CHECK(c.warnings[0].sunset_date == "2027-01-31");
}
