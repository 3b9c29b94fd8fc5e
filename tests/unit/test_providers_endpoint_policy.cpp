#include <doctest/doctest.h>

#include "providers/http/endpoint_policy.hpp"

using rosterform::http::check_endpoint;

TEST_CASE("provider: endpoint policy: https anywhere, plain http only to loopback") {
  CHECK(check_endpoint("https://api.gethealthie.com/graphql"));
  CHECK(check_endpoint("http://127.0.0.1:4000/graphql"));
  CHECK(check_endpoint("http://localhost:4000/graphql"));
  CHECK(check_endpoint("http://[::1]:4000/graphql"));
}

TEST_CASE("provider: endpoint policy: plain http to another host is refused with a clear error") {
  auto r = check_endpoint("http://api.gethealthie.com/graphql");
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "refusing to send the API key over plain http to 'api.gethealthie.com': use https:// "
        "(plain http is allowed only to localhost)");
  // A loopback-looking name is not loopback.
  CHECK_FALSE(check_endpoint("http://127.0.0.1.evil.example/graphql"));
}

TEST_CASE("provider: endpoint policy: other schemes and garbage are refused") {
  auto r = check_endpoint("ftp://example.com/graphql");
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "unsupported URL scheme 'ftp' in endpoint 'ftp://example.com/graphql': use https://");
  CHECK_FALSE(check_endpoint("not a url"));
}
