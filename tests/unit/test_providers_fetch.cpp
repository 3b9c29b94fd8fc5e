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
    CHECK_FALSE(gone.is_active(healthie::staff_schema().id_of("active")));
    CHECK(field(gone, "active") == "false");
    CHECK(gone.membership_id == "m12");
    const auto& owner = by_id(state->staff, "10");
    CHECK(owner.is_admin(healthie::staff_schema().id_of("is_admin")));
    CHECK(field(owner, "is_admin") == "true");
    CHECK(field(owner, "org_role") == "Standard");

    const auto& c0 = by_id(state->clients, "100");
    CHECK(field(c0, "provider") == "olivia@example.com");  // lower-cased staff email
    CHECK(field(c0, "active") == "false");
    CHECK_FALSE(c0.is_active(healthie::client_schema().id_of("active")));
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
  seed(h, 1000);  // 1000 clients: 10 pages of 100 and the empty page that proves the end
  REQUIRE(h.provider->read_current_state());
  CHECK(h.sim.calls["RosterClientPage"] == 11);
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
  CHECK(h.sim.calls["RosterClientPage"] == 12);  // 8 active + 2 archived, each + the empty end
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
        "incomplete read: organization_memberships_count is 8 and organizationMembersCount 7 but "
        "organizationMemberships returned 3 members (2 active); nothing was planned; run again");
}

TEST_CASE("provider: fetch: an absurd client count is refused before any page is planned") {
  Harness h(ApiShape::baseline);
  seed(h, 3);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterClientCounts")
      return std::nullopt;
    return testing::json_response(
        R"({"data":{"all":4666666666666,"active":4666666666666,"archived":0}})");
  };
  auto r = h.provider->read_current_state();
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "incomplete read: usersCount returned 4666666666666, which is negative or beyond the "
        "50000000 clients rosterform reads; nothing was planned; run again");
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

namespace {

std::string read_error(Harness& h) {
  auto r = h.provider->read_current_state();
  REQUIRE_FALSE(r);
  return r.error().message;
}

// One active member and `n` active clients: a single, predictable stream.
void seed_one_stream(Harness& h, int n) {
  h.sim.add_member("10", "a@example.com");
  for (int i = 0; i < n; ++i)
    h.sim.add_client(std::to_string(100 + i), "c@example.com", "10");
}

}  // namespace

TEST_CASE("provider: fetch: baseline reads past a usersCount one short at a page boundary") {
  Harness h(ApiShape::baseline);
  seed_one_stream(h, 200);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterClientCounts")
      return std::nullopt;
    return testing::json_response(R"({"data":{"all":199,"active":199,"archived":0}})");
  };
  CHECK(read_error(h) ==
        "incomplete read: usersCount says 199 clients but 200 were read; nothing was planned; run "
        "again");
  CHECK(h.sim.calls["RosterClientPage"] == 3);  // offsets 0 and 100 planned; 200 asked for after
}

TEST_CASE("provider: fetch: baseline stops at the short page, whatever the count") {
  Harness h(ApiShape::baseline);
  seed_one_stream(h, 200);
  auto state = h.provider->read_current_state();
  REQUIRE(state);
  CHECK(state->clients.size() == 200);
  CHECK(h.sim.calls["RosterClientPage"] == 3);  // the empty page at offset 200 ends the list

  Harness empty(ApiShape::baseline);
  empty.sim.add_member("10", "a@example.com");
  REQUIRE(empty.provider->read_current_state());
  CHECK(empty.sim.calls["RosterClientPage"] == 1);  // a count of 0 is checked, not believed
}

TEST_CASE("provider: fetch: a baseline page larger than asked aborts the read") {
  Harness h(ApiShape::baseline);
  seed_one_stream(h, 150);
  h.sim.after = [&h](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op != "RosterClientPage" || nth != 1)
      return std::nullopt;
    nlohmann::json users = nlohmann::json::array();
    for (const auto& c : h.sim.clients)
      users.push_back(c);
    return testing::json_response(nlohmann::json{{"data", {{"users", users}}}}.dump());
  };
  CHECK(read_error(h) ==
        "incomplete read: reading clients (all, offset 0) returned 150 clients, more than the "
        "page size of 100; nothing was planned; run again");
}

TEST_CASE("provider: fetch: a cursor that does not advance ends the read, clients and staff") {
  using Fault = testing::FakeHealthie::CursorFault;
  const std::string stream = "incomplete read: reading active clients of provider id:10: ";
  const std::string end = "; nothing was planned; run again";
  const std::vector<std::pair<Fault, std::string>> cases = {
      {Fault::after_ignored, "the server returned a cursor it had returned before"},
      {Fault::null_end_cursor, "has_next_page is true but end_cursor is null"},
      {Fault::overlap, "201 items arrived but total_count is 200"},
  };
  for (const auto& [fault, why] : cases) {
    CAPTURE(why);
    Harness h(ApiShape::connections);
    seed_one_stream(h, 200);
    h.sim.cursor_fault = fault;
    CHECK(read_error(h) == stream + why + end);
  }

  Harness staff(ApiShape::connections);
  for (int i = 0; i < 250; ++i)
    staff.sim.add_member(std::to_string(10 + i), "m" + std::to_string(i) + "@example.com");
  staff.sim.cursor_fault = Fault::after_ignored;
  CHECK(read_error(staff) ==
        "incomplete read: reading staff: the server returned a cursor it had returned before; "
        "nothing was planned; run again");
  CHECK(staff.sim.calls["RosterStaff"] == 2);
}

TEST_CASE("provider: fetch: baseline staff must count deactivated members too") {
  Harness h(ApiShape::baseline);
  seed(h, 1);
  h.sim.drop_deactivated_member = true;
  CHECK(read_error(h) ==
        "incomplete read: organization_memberships_count is 3 and organizationMembersCount 2 but "
        "organizationMemberships returned 2 members (2 active); nothing was planned; run again");
}

TEST_CASE("provider: fetch: a read that outlives read_timeout fails with what it saw") {
  Harness h(ApiShape::baseline, [](auto& c) {
    c.read_timeout = std::chrono::milliseconds(300);
    c.max_throttled_attempts = 1'000'000;
  });
  seed(h, 10);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterClientPage")
      return std::nullopt;
    return testing::json_response(
        R"({"errors":[{"message":"Too many requests.","extensions":{"code":"TOO_MANY_REQUESTS"}}]})");
  };
  auto started = std::chrono::steady_clock::now();
  std::string message = read_error(h);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  auto throttled = std::to_string(h.provider->stats().throttled);
  CHECK(message ==
        "incomplete read: the read of staff and clients did not finish within 300ms "
        "(healthie.read_timeout): 1 pages and 3 users read, " +
            throttled +
            " throttled answers, in 0 s; nothing was planned; run again later or raise "
            "healthie.read_timeout in rosterform.yaml");
  // The deadline belongs to that read only: later calls are not cut short.
  h.sim.before = nullptr;
  CHECK(h.provider->preflight());
}
