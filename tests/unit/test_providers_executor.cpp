#include <doctest/doctest.h>

#include "providers/healthie/wait_progress.hpp"
#include "tests/unit/support/provider_harness.hpp"

using namespace rosterform;
using healthie::ApiShape;
using testing::Harness;

namespace {

std::optional<http::Response> throttle_every_other(const std::string& op, int nth) {
  if (op == "RosterClientPage" && nth % 2 == 1)
    return testing::json_response(
        R"({"errors":[{"message":"Too many requests. Please try again later.","extensions":{"code":"TOO_MANY_REQUESTS"}}]})");
  return std::nullopt;
}

}  // namespace

TEST_CASE("provider: executor: a throttling storm halves the window and the read still completes") {
  Harness h(ApiShape::baseline, [](auto& c) { c.initial_window = 16; });
  h.sim.add_member("10", "a@example.com");
  for (int i = 0; i < 2000; ++i)
    h.sim.add_client(std::to_string(100 + i), "c@example.com", "10");
  h.sim.before = throttle_every_other;
  auto state = h.provider->read_current_state();
  REQUIRE(state);
  CHECK(state->clients.size() == 2000);
  CHECK(h.provider->stats().throttled >= 10);
  CHECK(h.provider->stats().window_decreases >= 1);
}

TEST_CASE("provider: executor: HTTP 429 counts as throttling too") {
  Harness h(ApiShape::baseline);
  h.sim.add_member("10", "a@example.com");
  h.sim.before = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterStaff" && nth < 4)
      return testing::json_response("", 429);
    return std::nullopt;
  };
  REQUIRE(h.provider->read_current_state());
  CHECK(h.provider->stats().throttled == 3);
}

TEST_CASE("provider: executor: throttling that never ends is an error that says what to do") {
  Harness h(ApiShape::baseline, [](auto& c) { c.max_throttled_attempts = 3; });
  h.sim.before = [](const std::string&, int) -> std::optional<http::Response> {
    return testing::json_response("", 429);
  };
  auto r = h.provider->preflight();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "preflight (currentUser): Healthie kept answering TOO_MANY_REQUESTS after every retry; try "
        "again later, or lower -parallelism or max_requests_per_second");
}

TEST_CASE("provider: executor: never more requests in flight than -parallelism") {
  Harness h(ApiShape::baseline, [](auto& c) {
    c.parallelism = 3;
    c.initial_window = 10;
  });
  h.sim.add_member("10", "a@example.com");
  for (int i = 0; i < 1000; ++i)
    h.sim.add_client(std::to_string(100 + i), "c@example.com", "10");
  REQUIRE(h.provider->read_current_state());
  CHECK(h.transport->peak_in_flight() <= 3);
  CHECK(h.provider->stats().peak_in_flight == 3);
}

TEST_CASE("provider: executor: a refused TLS certificate is not retried") {
  Harness h(ApiShape::baseline);
  int sent = 0;
  h.sim.before = [&sent](const std::string&, int) -> std::optional<http::Response> {
    ++sent;
    http::Response r;
    r.failure = http::TransportFailure::untrusted;
    r.failure_text =
        "the server's TLS certificate was not accepted (SSL certificate problem: self-signed "
        "certificate)";
    return r;
  };
  auto r = h.provider->preflight();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "preflight (currentUser): the server's TLS certificate was not accepted (SSL certificate "
        "problem: self-signed certificate); not retried: check the endpoint's certificate, and any "
        "proxy that intercepts TLS");
  CHECK(sent == 1);
}

TEST_CASE("provider: executor: transport errors never carry the key") {
  Harness h(ApiShape::baseline, [](auto& c) { c.max_attempts = 1; });
  h.sim.before = [](const std::string&, int) -> std::optional<http::Response> {
    http::Response r;
    r.failure = http::TransportFailure::other;
    r.failure_text = std::string("proxy said no to Basic ") + testing::k_test_key;
    return r;
  };
  auto r = h.provider->preflight();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "preflight (currentUser): transport error (transport error: proxy said no to Basic "
        "[REDACTED]) after every retry");
}

TEST_CASE("provider: executor: a read slowed by throttling says so at every interval") {
  Harness h(ApiShape::baseline, [](auto& c) {
    c.progress_interval = std::chrono::milliseconds(40);
    c.max_throttled_attempts = 1'000'000;
  });
  h.sim.add_member("10", "a@example.com");
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
  h.sim.before = [until](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterClientPage" || std::chrono::steady_clock::now() > until)
      return std::nullopt;
    return testing::json_response("", 429);
  };
  REQUIRE(h.provider->read_current_state());
  REQUIRE(h.progress.size() >= 2);
  CHECK(h.progress.front() == "throttled by Healthie; retrying, 0 s so far");
  // Progress has a sink of its own; the one notice is the version's deprecation.
  REQUIRE(h.notices.size() == 1);
  CHECK(h.notices[0].starts_with("Healthie API version 2024-06-01 is deprecated"));
}

TEST_CASE("provider: executor: a read that recovers at once says nothing") {
  Harness h(ApiShape::baseline,
            [](auto& c) { c.progress_interval = std::chrono::milliseconds(40); });
  h.sim.add_member("10", "a@example.com");
  h.sim.before = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterClientPage" && nth == 1)
      return testing::json_response("", 429);
    return std::nullopt;
  };
  REQUIRE(h.provider->read_current_state());
  CHECK(h.progress.empty());
}

TEST_CASE("provider: executor: the progress texts name the cause, never a record") {
  using healthie::ResponseKind;
  using std::chrono::seconds;
  CHECK(healthie::waiting_text(ResponseKind::throttled, seconds(43)) ==
        "throttled by Healthie; retrying, 43 s so far");
  CHECK(healthie::waiting_text(ResponseKind::server_error, seconds(12)) ==
        "Healthie answers with server errors; retrying, 12 s so far");
  CHECK(healthie::waiting_text(ResponseKind::malformed, seconds(10)) ==
        "Healthie's answers are unreadable; retrying, 10 s so far");
  CHECK(healthie::waiting_text(ResponseKind::transport_error, seconds(20)) ==
        "no answer from Healthie; retrying, 20 s so far");
}
