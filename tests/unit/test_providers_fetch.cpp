#include <doctest/doctest.h>

#include <algorithm>

#include "providers/healthie/resource_schema.hpp"
#include "tests/unit/support/provider_harness.hpp"

using namespace rosterform;
using healthie::ApiShape;
using testing::Harness;

namespace {

std::string field(const engine::RemoteUser& u, std::string_view name) {
  const auto& schema = healthie::schema_for(u.kind);
  auto v = u.fields.get(*schema.id_of(name));
  return v ? std::string(*v) : "<absent>";
}

void seed(Harness& h, int clients) {
  h.sim.add_member("10", "Olivia@Example.com", true, true);
  h.sim.add_member("11", "peter@example.com");
  h.sim.add_member("12", "gone@example.com", false);  // deactivated
  for (int i = 0; i < clients; ++i) {
    std::string dietitian = i % 3 == 0 ? "10" : i % 3 == 1 ? "11" : "12";
    h.sim.add_client(std::to_string(100 + i), "c" + std::to_string(i) + "@example.com", dietitian,
                     i % 5 != 0);
  }
}

const engine::RemoteUser& by_id(const std::vector<engine::RemoteUser>& users,
                                const std::string& id) {
  auto it =
      std::find_if(users.begin(), users.end(), [&](const auto& u) { return u.user_id == id; });
  REQUIRE(it != users.end());
  return *it;
}

}  // namespace

TEST_CASE("provider: fetch: complete read in both API shapes") {
  for (ApiShape shape : {ApiShape::baseline, ApiShape::connections}) {
    CAPTURE(healthie::to_string(shape));
    Harness h(shape);
    seed(h, 457);
    auto state = h.provider->read_current_state();
    REQUIRE(state);
    CHECK(state->caller.user_id == "1");
    CHECK(state->caller.organization_id == "7");
    CHECK(state->caller.is_admin);
    REQUIRE(state->staff.size() == 3);
    CHECK(state->clients.size() == 457);

    const auto& gone = by_id(state->staff, "12");
    CHECK_FALSE(gone.active);
    CHECK(field(gone, "active") == "false");
    CHECK(gone.membership_id == "m12");
    const auto& owner = by_id(state->staff, "10");
    CHECK(owner.is_admin);
    CHECK(field(owner, "is_admin") == "true");
    CHECK(field(owner, "org_role") == "Standard");

    const auto& c0 = by_id(state->clients, "100");
    CHECK(field(c0, "provider") == "olivia@example.com");  // lower-cased staff email
    CHECK(field(c0, "active") == "false");
    CHECK_FALSE(c0.active);
    CHECK(field(c0, "dob") == "1980-02-03");
    CHECK(field(c0, "legal_name") == "<absent>");  // null in Healthie
    CHECK(field(by_id(state->clients, "101"), "active") == "true");
  }
}

TEST_CASE("provider: fetch: a client whose dietitian is not staff is referenced by id") {
  Harness h(ApiShape::baseline);
  h.sim.add_member("10", "a@example.com");
  h.sim.add_client("100", "c@example.com", "999");
  auto state = h.provider->read_current_state();
  REQUIRE(state);
  CHECK(field(state->clients[0], "provider") == "id:999");
}

TEST_CASE("provider: fetch: baseline pages go out in parallel, at the minimum count") {
  Harness h(ApiShape::baseline, [](auto& c) { c.initial_window = 16; });
  seed(h, 1000);  // 800 active, 200 archived: 8 + 2 pages of 100
  REQUIRE(h.provider->read_current_state());
  CHECK(h.sim.calls["RosterClientPage"] == 10);
  CHECK(h.sim.calls["RosterClientCounts"] == 1);
  CHECK(h.transport->peak_in_flight() > 1);
}

TEST_CASE(
    "provider: fetch: baseline reads each status on its own when the server's default is active "
    "only") {
  Harness h(ApiShape::baseline, [](auto& c) { c.initial_window = 16; });
  seed(h, 1000);
  h.sim.users_default_active = true;
  auto state = h.provider->read_current_state();
  REQUIRE(state);
  CHECK(state->clients.size() == 1000);
  CHECK(h.sim.calls["RosterClientPage"] == 10);  // 8 active + 2 archived
  const std::string& body = h.transport->requests.back().body;
  CHECK(body.find(R"("status":"archived")") != std::string::npos);
}

TEST_CASE("provider: fetch: connections split by provider and pack segments") {
  Harness h(ApiShape::connections, [](auto& c) { c.initial_window = 16; });
  seed(h, 1000);
  REQUIRE(h.provider->read_current_state());
  // 1000 clients at 100 per request: 10, plus at most a few partial packs.
  CHECK(h.sim.calls["RosterClientSegments"] >= 10);
  CHECK(h.sim.calls["RosterClientSegments"] <= 12);
  CHECK(h.sim.calls["RosterClientCounts"] == 1);
}

TEST_CASE(
    "provider: fetch: connections fall back to one stream when providers do not cover every "
    "client") {
  Harness h(ApiShape::connections);
  seed(h, 250);
  h.sim.add_client("9999", "orphan@example.com", "");
  auto state = h.provider->read_current_state();
  REQUIRE(state);
  CHECK(state->clients.size() == 251);
}

TEST_CASE("provider: fetch: a count mismatch aborts the read") {
  Harness baseline(ApiShape::baseline);
  seed(baseline, 120);
  baseline.sim.count_bias = 0;
  baseline.sim.add_client("777", "x@example.com", "10");
  baseline.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterClientCounts")
      return std::nullopt;
    return testing::json_response(R"({"data":{"all":120,"active":96,"archived":24}})");
  };
  auto r = baseline.provider->read_current_state();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "incomplete read: usersCount says 120 clients but 121 were read; nothing was planned; run "
        "again");

  Harness staff(ApiShape::baseline);
  seed(staff, 1);
  staff.sim.count_bias = 5;
  auto s = staff.provider->read_current_state();
  REQUIRE_FALSE(s);
  CHECK(s.error().message ==
        "incomplete read: organizationMembersCount is 7 but organizationMemberships returned 3 "
        "members (2 active); nothing was planned; run again");
}

TEST_CASE("provider: fetch: a short page aborts the read") {
  Harness h(ApiShape::baseline);
  seed(h, 300);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterClientCounts")
      return std::nullopt;  // says 270 active, there are 240
    return testing::json_response(R"({"data":{"all":330,"active":270,"archived":60}})");
  };
  auto r = h.provider->read_current_state();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "incomplete read: reading clients (all, offset 300) returned 0 of 30 clients; nothing was "
        "planned; run again");
}

TEST_CASE("provider: fetch: a duplicated id aborts the read") {
  for (ApiShape shape : {ApiShape::baseline, ApiShape::connections}) {
    Harness h(shape);
    h.sim.add_member("10", "a@example.com");
    for (int i = 0; i < 150; ++i)
      h.sim.add_client(std::to_string(100 + i), "c@example.com", "10");
    h.sim.duplicate_first = true;
    auto r = h.provider->read_current_state();
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "incomplete read: client id 100 appeared twice across pages (the roster changed during "
          "the read?); nothing was planned; run again");
  }
}

TEST_CASE(
    "provider: fetch: a page that keeps failing aborts the read; one that recovers does not") {
  Harness h(ApiShape::baseline);
  seed(h, 300);
  h.sim.before = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterClientPage" && nth <= 2)
      return testing::json_response("<html>502</html>", 502);
    return std::nullopt;
  };
  REQUIRE(h.provider->read_current_state());
  CHECK(h.provider->stats().retries == 2);

  Harness broken(ApiShape::baseline);
  seed(broken, 300);
  broken.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op == "RosterClientPage")
      return testing::json_response("<html>503</html>", 503);
    return std::nullopt;
  };
  auto r = broken.provider->read_current_state();
  REQUIRE_FALSE(r);
  CHECK(r.error().message.ends_with(": server error (HTTP 503) after every retry"));
}

TEST_CASE("provider: fetch: truncated bodies are retried as reads") {
  Harness h(ApiShape::connections);
  seed(h, 200);
  h.sim.after = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterClientSegments" && nth == 1)
      return testing::json_response(R"({"data":{"s0":{"tot)");
    return std::nullopt;
  };
  auto state = h.provider->read_current_state();
  REQUIRE(state);
  CHECK(state->clients.size() == 200);
}
