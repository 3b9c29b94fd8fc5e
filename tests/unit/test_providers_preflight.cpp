#include <doctest/doctest.h>

#include "tests/unit/support/provider_harness.hpp"

using namespace rosterform;
using healthie::ApiShape;
using testing::Harness;

TEST_CASE("provider: preflight: a null currentUser is an authentication failure, not an empty roster") {
  Harness h(ApiShape::connections);
  h.sim.null_current_user = true;
  auto r = h.provider->preflight();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "authentication failed: check the key and that it is sent as Authorization: Basic");
  CHECK_FALSE(h.provider->read_current_state());
  CHECK(h.sim.calls["RosterStaff"] == 0);
}

TEST_CASE("provider: preflight: 'API Key is Invalid' is an authentication failure") {
  Harness h(ApiShape::baseline);
  h.sim.before = [](const std::string&, int) -> std::optional<http::Response> {
    return testing::json_response(R"({"errors":[{"message":"API Key is Invalid"}]})");
  };
  auto r = h.provider->preflight();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "authentication failed: check the key and that it is sent as Authorization: Basic");
}

TEST_CASE("provider: preflight: the caller's role is recorded") {
  Harness h(ApiShape::connections);
  h.sim.caller["is_org_admin"] = false;
  h.sim.caller["organization_membership"]["is_admin"] = false;
  auto r = h.provider->preflight();
  REQUIRE(r);
  CHECK_FALSE(r->is_admin);
  CHECK(healthie::staff_needs_admin(*r) ==
        "managing staff needs an organization admin's API key, but this key belongs to user 1, "
        "who is not an admin; use an admin's key or leave staff out of the roster");
}

TEST_CASE(
    "provider: preflight: a key that is not an organization admin's cannot manage the roster") {
  Harness h(ApiShape::connections);
  h.sim.caller["is_org_admin"] = false;
  h.sim.caller["organization_membership"]["is_admin"] = false;
  auto r = h.provider->preflight();
  REQUIRE(r);
  CHECK(r->org_role == "Standard");
  auto scope = healthie::check_roster_scope(*r);
  REQUIRE_FALSE(scope);
  CHECK(scope.error().message ==
        "the API key belongs to Healthie user 1 (org role Standard, not an organization admin): "
        "it sees only its own clients and cannot manage staff, so a plan made with it would "
        "propose creating clients who already exist; use an organization admin's API key, which "
        "sees every client and may manage staff; stopped before reading the roster from Healthie");
  r->org_role.clear();
  CHECK(healthie::check_roster_scope(*r).error().message.starts_with(
      "the API key belongs to Healthie user 1 (not an organization admin): "));
  r->is_admin = true;
  CHECK(healthie::check_roster_scope(*r));
}

TEST_CASE("provider: preflight: an unsupported API version says so") {
  Harness h(ApiShape::connections);
  h.sim.before = [](const std::string&, int) -> std::optional<http::Response> {
    return testing::json_response(
        R"({"errors":[{"message":"Unsupported API version: 2026-01-01","extensions":{"code":"UNSUPPORTED_API_VERSION"}}]})");
  };
  auto r = h.provider->preflight();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "Healthie rejected the API version: Unsupported API version: 2026-01-01 (set api_version "
        "to a supported release)");
}

TEST_CASE("provider: preflight: sends the documented headers, and the key nowhere else") {
  Harness h(ApiShape::baseline, [](auto& c) { c.shard = "shard-7"; });
  REQUIRE(h.provider->preflight());
  REQUIRE(h.transport->requests.size() == 1);
  const auto& r = h.transport->requests[0];
  auto header = [&](std::string_view name) {
    for (const auto& hd : r.headers)
      if (hd.name == name)
        return hd.value;
    return std::string("<absent>");
  };
  CHECK(header("Authorization") == std::string("Basic ") + testing::k_test_key);
  CHECK(header("AuthorizationSource") == "API");
  CHECK(header("Healthie-GraphQL-API-Version") == "2024-06-01");
  CHECK(header("AuthorizationShard") == "shard-7");
  CHECK(header("User-Agent") == "rosterform/" ROSTERFORM_VERSION);
  CHECK(r.body.find(testing::k_test_key) == std::string::npos);
}

TEST_CASE("provider: preflight: the deprecation warning is shown once per run") {
  Harness h(ApiShape::baseline, [](auto& c) {
    c.today = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};
  });
  h.sim.add_member("10", "a@example.com");
  h.sim.after = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterPreflight" && op != "RosterStaff")
      return std::nullopt;
    std::string data =
        op == "RosterPreflight"
            ? R"({"currentUser":{"id":"1","is_org_admin":true,"organization":{"id":"7"}}})"
            : R"({"organizationMembersCount":0,"currentUser":{"organization":)"
              R"({"organization_memberships_count":0}},"organizationMemberships":[]})";
    return testing::json_response(
        R"({"data":)" + data +
        R"(,"extensions":{"warnings":[{"code":"API_VERSION_SUNSET_WARNING","message":"API version 2024-06-01 is deprecated and will stop working on 2027-01-31.","sunset_date":"2027-01-31"}]}})");
  };
  REQUIRE(h.provider->read_current_state());
  REQUIRE(h.provider->read_current_state());
  // rosterform's own, with the days left; Healthie's says the same, so it is not repeated.
  REQUIRE(h.notices.size() == 1);
  CHECK(h.notices[0] ==
        "Healthie API version 2024-06-01 is deprecated and stops working on 2027-01-31 (61 days "
        "left): set healthie.api_version to 2026-07-01 in rosterform.yaml once `rosterform "
        "doctor` passes with it");
}

TEST_CASE("provider: provider factory: checks its configuration") {
  auto config = testing::fast_config(ApiShape::baseline);
  config.endpoint = "http://example.com/graphql";
  auto r = healthie::make_healthie_provider(config);
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "refusing to send the API key over plain http to 'example.com': use https:// (plain http "
        "is allowed only to localhost)");
  config = testing::fast_config(ApiShape::baseline);
  config.api_key.clear();
  CHECK(healthie::make_healthie_provider(config).error().message ==
        "no Healthie API key was given; set it in the environment, not the roster");
  config = testing::fast_config(ApiShape::baseline);
  config.parallelism = 0;
  CHECK(healthie::make_healthie_provider(config).error().message ==
        "parallelism must be at least 1, got 0");
  CHECK(healthie::parse_api_version("2023-01-01")
            .error()
            .message.starts_with("Healthie API version '2023-01-01' is not supported: rosterform "
                                 "supports 2024-06-01, "));
}
