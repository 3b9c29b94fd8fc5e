#include <doctest/doctest.h>

#include <chrono>
#include <functional>

#include "providers/healthie/resource_schema.hpp"
#include "tests/unit/support/provider_harness.hpp"

using namespace rosterform;
using engine::Mutation;
using engine::MutationKind;
using healthie::ApiShape;
using testing::Harness;

namespace {

bool active(const engine::RemoteUser& u) {
  return u.is_active(healthie::schema_for(u.kind).id_of("active"));
}

engine::Record client_fields(const std::string& email, const std::string& provider = "") {
  const auto& s = healthie::client_schema();
  engine::Record r;
  r.set(*s.id_of("email"), email);
  r.set(*s.id_of("first_name"), "Alice");
  r.set(*s.id_of("last_name"), "Apple");
  r.set(*s.id_of("dob"), "1985-02-03");
  if (!provider.empty())
    r.set(*s.id_of("provider"), provider);
  return r;
}

Mutation create(const std::string& key, const std::string& email,
                const std::string& provider = "") {
  Mutation m;
  m.kind = engine::Kind::client;
  m.op = MutationKind::create;
  m.key = key;
  m.fields = client_fields(email, provider);
  return m;
}

void seed(Harness& h) {
  h.sim.add_member("10", "olivia@example.com", true, true);
  h.sim.add_member("11", "peter@example.com");
}

using ms = std::chrono::milliseconds;

// Stands in for the settle delays' clock and sleep: time moves only when
// the provider sleeps, and every sleep is recorded.
struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  std::vector<ms> slept;
  std::function<void(std::size_t)> on_sleep;  // told the 1-based number of each sleep

  void install(healthie::ProviderConfig& c) {
    c.settle_now = [this] { return now; };
    c.settle_sleep = [this](ms d) {
      slept.push_back(d);
      now += d;
      if (on_sleep)
        on_sleep(slept.size());
    };
  }
  std::function<void(healthie::ProviderConfig&)> tweak() {
    return [this](healthie::ProviderConfig& c) { install(c); };
  }
};

// The client `create` makes, appearing in Healthie later than its request.
void commit_late(Harness& h, const std::string& email) {
  h.sim.add_client("7000", email, "");
  h.sim.clients.back()["first_name"] = "Alice";
  h.sim.clients.back()["last_name"] = "Apple";
}

}  // namespace

TEST_CASE("provider: mutations: createClient resolves the provider and skips the welcome email") {
  Harness h(ApiShape::connections);
  seed(h);
  auto r = h.provider->apply_one(create("client.alice", "alice@example.com", "Peter@Example.com"));
  REQUIRE(r);
  CHECK(r->user_id == "5000");
  REQUIRE(h.sim.clients.size() == 1);
  CHECK(h.sim.clients[0]["dietitian_id"] == "11");
  CHECK(h.sim.clients[0]["dob"] == "1985-02-03");
  CHECK(h.transport->requests.back().body.find("\"dont_send_welcome\":true") != std::string::npos);
}

TEST_CASE(
    "provider: mutations: validation messages name the record's key and the field, never the "
    "value") {
  Harness h(ApiShape::baseline);
  seed(h);
  auto r = h.provider->apply_one(create("client.alice", "not-an-email"));
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "client.alice: Healthie rejected createClient: field 'email': Email is invalid");
  CHECK(r.error().message.find("not-an-email") == std::string::npos);
}

TEST_CASE(
    "provider: mutations: a lost createClient answer is settled by a look-up, never re-sent "
    "blind") {
  for (ApiShape shape : {ApiShape::baseline, ApiShape::connections}) {
    FakeClock clock;
    Harness h(shape, clock.tweak());
    seed(h);
    h.sim.after = [](const std::string& op, int nth) -> std::optional<http::Response> {
      if (op == "RosterCreateClient" && nth == 1)
        return testing::lost_response();
      return std::nullopt;
    };
    auto r = h.provider->apply_one(create("client.alice", "alice@example.com"));
    REQUIRE(r);
    CHECK(r->user_id == "5000");
    CHECK(h.sim.calls["RosterCreateClient"] == 1);
    CHECK(h.sim.calls["RosterClientSearch"] == 1);
    CHECK(h.sim.clients.size() == 1);
    CHECK(clock.slept == std::vector<ms>{ms(1500)});  // the default settle delay
  }
}

TEST_CASE(
    "provider: mutations: the look-up waits the settle delay, so a create still being committed is "
    "found") {
  FakeClock clock;
  Harness h(ApiShape::connections, clock.tweak());
  seed(h);
  h.sim.before = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterCreateClient" && nth == 1)
      return testing::lost_response();
    return std::nullopt;
  };
  clock.on_sleep = [&](std::size_t n) {
    if (n == 1)
      commit_late(h, "alice@example.com");  // Healthie commits while we wait
  };
  auto r = h.provider->apply_one(create("client.alice", "alice@example.com"));
  REQUIRE(r);
  CHECK(r->user_id == "7000");
  CHECK(h.sim.calls["RosterCreateClient"] == 1);
  CHECK(h.sim.calls["RosterClientSearch"] == 1);
  CHECK(clock.slept == std::vector<ms>{ms(1500)});
}

TEST_CASE(
    "provider: mutations: a create the first look misses is found by the second, later look") {
  FakeClock clock;
  Harness h(ApiShape::baseline, [&](healthie::ProviderConfig& c) {
    clock.install(c);
    c.settle_delay = ms(200);
    c.settle_recheck_delay = ms(3000);
  });
  seed(h);
  h.sim.before = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterCreateClient" && nth == 1)
      return testing::json_response("<html>502</html>", 502);
    return std::nullopt;
  };
  clock.on_sleep = [&](std::size_t n) {
    if (n == 2)
      commit_late(h, "alice@example.com");
  };
  auto r = h.provider->apply_one(create("client.alice", "alice@example.com"));
  REQUIRE(r);
  CHECK(r->user_id == "7000");
  CHECK(h.sim.calls["RosterCreateClient"] == 1);
  CHECK(h.sim.calls["RosterClientSearch"] == 2);
  CHECK(clock.slept == std::vector<ms>{ms(200), ms(3000)});
  CHECK(h.sim.clients.size() == 1);
}

TEST_CASE(
    "provider: mutations: a create Healthie does not show after two looks is reported unknown, "
    "never sent again") {
  FakeClock clock;
  Harness h(ApiShape::connections, clock.tweak());
  seed(h);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op == "RosterCreateClient")
      return testing::lost_response();
    return std::nullopt;
  };
  auto r = h.provider->apply_one(create("client.alice", "alice@example.com"));
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "client.alice: the outcome of createClient is unknown (connection lost: Connection reset "
        "by peer) and Healthie does not show the change, even on a second look; it was not sent "
        "again, so it cannot have been made twice; run plan again to see whether Healthie "
        "applied it");
  CHECK(h.sim.calls["RosterCreateClient"] == 1);
  CHECK(h.sim.calls["RosterClientSearch"] == 2);
  CHECK(clock.slept == std::vector<ms>{ms(1500), ms(5000)});
  CHECK(h.sim.clients.empty());
}

TEST_CASE(
    "provider: mutations: a create answered with a null payload plus errors is settled by look-up, "
    "never re-sent") {
  constexpr std::string_view k_null_payload =
      R"({"data":{"createClient":null},"errors":[{"message":"Internal server error","path":["createClient"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]})";
  for (bool committed : {true, false}) {
    CAPTURE(committed);
    FakeClock clock;
    Harness h(ApiShape::connections, clock.tweak());
    seed(h);
    auto spoil = [&](const std::string& op, int) -> std::optional<http::Response> {
      if (op == "RosterCreateClient")
        return testing::json_response(std::string(k_null_payload));
      return std::nullopt;
    };
    (committed ? h.sim.after : h.sim.before) = spoil;
    auto r = h.provider->apply_one(create("client.alice", "alice@example.com"));
    CHECK(h.sim.calls["RosterCreateClient"] == 1);
    if (committed) {
      REQUIRE(r);
      CHECK(r->user_id == "5000");
      CHECK(h.sim.calls["RosterClientSearch"] == 1);
      CHECK(h.sim.clients.size() == 1);
      continue;
    }
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "client.alice: the outcome of createClient is unknown (Healthie answered with no record "
          "and an error [INTERNAL_SERVER_ERROR]: Internal server error) and Healthie does not show "
          "the change, even on a second look; it was not sent again, so it cannot have been made "
          "twice; run plan again to see whether Healthie applied it");
    CHECK(h.sim.calls["RosterClientSearch"] == 2);
  }
}

TEST_CASE("provider: mutations: with zero settle delays nothing waits") {
  FakeClock clock;
  Harness h(ApiShape::connections, [&](healthie::ProviderConfig& c) {
    clock.install(c);
    c.settle_delay = ms(0);
    c.settle_recheck_delay = ms(0);
  });
  seed(h);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op == "RosterCreateClient")
      return testing::lost_response();
    return std::nullopt;
  };
  REQUIRE_FALSE(h.provider->apply_one(create("client.alice", "alice@example.com")));
  CHECK(h.sim.calls["RosterClientSearch"] == 2);
  CHECK(clock.slept.empty());
}

TEST_CASE(
    "provider: mutations: a look-up that fails leaves the outcome unknown and repeats nothing") {
  FakeClock clock;
  Harness h(ApiShape::connections, clock.tweak());
  seed(h);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op == "RosterCreateClient")
      return testing::lost_response();
    if (op == "RosterClientSearch")
      return testing::json_response("<html>503</html>", 503);
    return std::nullopt;
  };
  auto r = h.provider->apply_one(create("client.alice", "alice@example.com"));
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "client.alice: the outcome of createClient is unknown and the look-up to settle it failed "
        "(server error); nothing was repeated; run plan again to see the state");
  CHECK(h.sim.calls["RosterCreateClient"] == 1);
}

TEST_CASE("provider: mutations: unknown outcomes of a batch wait together, not one after another") {
  FakeClock clock;
  Harness h(ApiShape::connections, clock.tweak());
  seed(h);
  h.sim.after = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op == "RosterCreateClient")
      return testing::lost_response();
    return std::nullopt;
  };
  std::vector<Mutation> batch = {create("a", "a@example.com"), create("b", "b@example.com"),
                                 create("c", "c@example.com")};
  testing::StepLog steps;
  auto results = h.provider->apply(batch, steps);
  REQUIRE(results.size() == 3);
  for (const auto& r : results)
    CHECK(r);
  CHECK(h.sim.calls["RosterCreateClient"] == 3);
  CHECK(clock.slept == std::vector<ms>{ms(1500)});
}

TEST_CASE("provider: mutations: a refused connection is retried (the request never left)") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.before = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op != "RosterCreateClient" || nth != 1)
      return std::nullopt;
    http::Response r;
    r.failure = http::TransportFailure::not_sent;
    r.failure_text = "Failed to connect";
    return r;
  };
  REQUIRE(h.provider->apply_one(create("client.alice", "alice@example.com")));
  CHECK(h.sim.calls["RosterClientSearch"] == 0);
  CHECK(h.sim.calls["RosterCreateClient"] == 2);
}

TEST_CASE(
    "provider: mutations: update sends only the changed fields; archive and unarchive use active") {
  Harness h(ApiShape::baseline);
  seed(h);
  h.sim.add_client("100", "c@example.com", "10");
  Mutation update;
  update.kind = engine::Kind::client;
  update.key = "client.c1";
  update.user_id = "100";
  update.fields.set(*healthie::client_schema().id_of("timezone"), "America/Chicago");
  REQUIRE(h.provider->apply_one(update));
  const std::string& body = h.transport->requests.back().body;
  CHECK(body.find(R"("input":{"id":"100","timezone":"America/Chicago"})") != std::string::npos);

  Mutation archive;
  archive.kind = engine::Kind::client;
  archive.key = "client.c1";
  archive.user_id = "100";
  archive.fields.set(*healthie::client_schema().id_of("active"), "false");
  auto r = h.provider->apply_one(archive);
  REQUIRE(r);
  CHECK_FALSE(active(*r));
  CHECK(h.transport->requests.back().body.find(R"("input":{"id":"100","active":false})") !=
        std::string::npos);
  archive.fields.set(*healthie::client_schema().id_of("active"), "true");
  CHECK(active(*h.provider->apply_one(archive)));
}

TEST_CASE("provider: mutations: a lost update is verified by reading the record") {
  FakeClock clock;
  Harness h(ApiShape::connections, clock.tweak());
  seed(h);
  h.sim.add_client("100", "c@example.com", "10");
  h.sim.after = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterUpdateClient" && nth == 1)
      return testing::json_response(R"({"data":{"updateCl)");
    return std::nullopt;
  };
  Mutation archive;
  archive.kind = engine::Kind::client;
  archive.key = "client.c1";
  archive.user_id = "100";
  archive.fields.set(*healthie::client_schema().id_of("active"), "false");
  REQUIRE(h.provider->apply_one(archive));
  CHECK(h.sim.calls["RosterUpdateClient"] == 1);
  CHECK(h.sim.calls["RosterUser"] == 1);
  CHECK(clock.slept == std::vector<ms>{ms(1500)});
}

TEST_CASE("provider: mutations: staff need an admin key") {
  Harness h(ApiShape::connections);
  h.sim.caller["is_org_admin"] = false;
  h.sim.caller["organization_membership"]["is_admin"] = false;
  Mutation m;
  m.kind = engine::Kind::staff;
  m.op = MutationKind::create;
  m.key = "staff.new";
  auto r = h.provider->apply_one(m);
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "staff.new: managing staff needs an organization admin's API key, but this key "
        "belongs to user 1, who is not an admin; use an admin's key or leave staff out of the "
        "roster");
  CHECK(h.sim.calls["RosterCreateMember"] == 0);
}

TEST_CASE(
    "provider: mutations: a new member is created, then given the profile fields and admin flag") {
  Harness h(ApiShape::baseline);
  seed(h);
  const auto& s = healthie::staff_schema();
  Mutation m;
  m.kind = engine::Kind::staff;
  m.op = MutationKind::create;
  m.key = "staff.sam";
  m.fields.set(*s.id_of("email"), "sam@example.com");
  m.fields.set(*s.id_of("first_name"), "Sam");
  m.fields.set(*s.id_of("last_name"), "Support");
  m.fields.set(*s.id_of("org_role"), "Support");
  m.fields.set(*s.id_of("npi"), "123");
  m.fields.set(*s.id_of("is_admin"), "true");
  auto r = h.provider->apply_one(m);
  REQUIRE(r);
  CHECK(h.sim.calls["RosterCreateMember"] == 1);
  CHECK(h.sim.calls["RosterUpdateMember"] == 1);
  CHECK(h.sim.calls["RosterUpdateMembership"] == 1);
  CHECK(r->is_admin(s.id_of("is_admin")));
  CHECK(*r->fields.get(*s.id_of("npi")) == "123");
  CHECK(*r->fields.get(*s.id_of("org_role")) == "Support");
  CHECK(h.sim.members.back()["user"]["npi"] == "123");
  CHECK(h.transport->requests[2].body.find(R"("organization_id":"7")") != std::string::npos);
}

TEST_CASE("provider: mutations: deactivating a member hands the clients over") {
  Harness h(ApiShape::connections);
  seed(h);
  Mutation m;
  m.kind = engine::Kind::staff;
  m.key = "staff.peter";
  m.membership_id = "m11";
  m.fields.set(*healthie::staff_schema().id_of("active"), "false");
  m.receiver = "olivia@example.com";
  auto r = h.provider->apply_one(m);
  REQUIRE(r);
  CHECK_FALSE(active(*r));
  CHECK(h.transport->requests.back().body.find(
            R"("input":{"id":"m11","active":false,"provider_to_receive_clients":"10"})") !=
        std::string::npos);
}

TEST_CASE("provider: mutations: an unknown provider reference fails before anything is sent") {
  Harness h(ApiShape::connections);
  seed(h);
  auto r = h.provider->apply_one(create("client.alice", "alice@example.com", "nobody@example.com"));
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "provider 'nobody@example.com' is not a staff member in Healthie; add it to the staff "
        "roster first");
  CHECK(h.sim.calls["RosterCreateClient"] == 0);
}

TEST_CASE("provider: find_by_identity: finds archived clients and members by email") {
  Harness h(ApiShape::baseline);
  seed(h);
  h.sim.add_client("100", "c@example.com", "10", false);
  const auto& s = healthie::client_schema();
  engine::Record id;
  id.set(*s.id_of("email"), "c@example.com");
  id.set(*s.id_of("first_name"), "C100");
  id.set(*s.id_of("last_name"), "Z100");
  auto found = h.provider->find_by_identity(engine::Kind::client, id);
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->user_id == "100");
  engine::Record staff;
  staff.set(*healthie::staff_schema().id_of("email"), "PETER@example.com");
  h.sim.members[1]["user"]["email"] = "PETER@example.com";
  auto member = h.provider->find_by_identity(engine::Kind::staff, staff);
  REQUIRE(member);
  REQUIRE(member->has_value());
  CHECK((*member)->membership_id == "m11");
}

TEST_CASE(
    "provider: find_by_identity: finds a deactivated member, whom organizationMembers hides") {
  for (ApiShape shape : {ApiShape::baseline, ApiShape::connections}) {
    Harness h(shape);
    seed(h);
    h.sim.add_member("12", "gone@example.com", false);
    engine::Record staff;
    staff.set(*healthie::staff_schema().id_of("email"), "Gone@Example.com");
    auto member = h.provider->find_by_identity(engine::Kind::staff, staff);
    REQUIRE(member);
    REQUIRE(member->has_value());
    CHECK((*member)->membership_id == "m12");
    CHECK((*member)->user_id == "12");
    CHECK_FALSE(active(**member));
    CHECK(h.sim.calls["RosterMemberSearch"] == 0);
    staff.set(*healthie::staff_schema().id_of("email"), "nobody@example.com");
    auto none = h.provider->find_by_identity(engine::Kind::staff, staff);
    REQUIRE(none);
    CHECK_FALSE(none->has_value());
  }
}

TEST_CASE("provider: mutations: a lost createOrganizationMembership is settled page by page") {
  FakeClock clock;
  Harness h(ApiShape::connections, clock.tweak());
  seed(h);
  for (int i = 0; i < 150; ++i)
    h.sim.add_member(std::to_string(100 + i), "m" + std::to_string(i) + "@example.com", i % 2 == 0);
  h.sim.after = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterCreateMember" && nth == 1)
      return testing::lost_response();
    return std::nullopt;
  };
  const auto& s = healthie::staff_schema();
  Mutation m;
  m.kind = engine::Kind::staff;
  m.op = MutationKind::create;
  m.key = "staff.sam";
  m.fields.set(*s.id_of("email"), "Sam@Example.com");
  m.fields.set(*s.id_of("first_name"), "Sam");
  m.fields.set(*s.id_of("last_name"), "Support");
  int staff_reads = 0;
  clock.on_sleep = [&](std::size_t) { staff_reads = h.sim.calls["RosterStaff"]; };
  auto r = h.provider->apply_one(m);
  REQUIRE(r);
  CHECK(r->membership_id == "m5000");
  CHECK(h.sim.calls["RosterCreateMember"] == 1);
  CHECK(h.sim.members.size() == 153);
  CHECK(h.sim.calls["RosterStaff"] - staff_reads == 2);  // the member is on the second page
  CHECK(clock.slept == std::vector<ms>{ms(1500)});
}

TEST_CASE("provider: mutations: an apply slowed by throttling says so, and is made once") {
  Harness h(ApiShape::connections, [](auto& c) {
    c.progress_interval = std::chrono::milliseconds(40);
    c.max_throttled_attempts = 1'000'000;
  });
  seed(h);
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(250);
  h.sim.before = [until](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterCreateClient" || std::chrono::steady_clock::now() > until)
      return std::nullopt;
    return testing::json_response("", 429);
  };
  REQUIRE(h.provider->apply_one(create("client.alice", "alice@example.com", "peter@example.com")));
  CHECK(h.sim.clients.size() == 1);
  REQUIRE_FALSE(h.progress.empty());
  CHECK(h.progress.front() == "throttled by Healthie; retrying, 0 s so far");
  for (const std::string& line : h.progress)
    CHECK(line.find("alice") == std::string::npos);
}

// The provider alone decides a change's calls (issue 15 point 5): these
// were the engine's split before; the provider owns the chain now.
namespace {

std::vector<std::string> mutations_sent(const Harness& h) {
  std::vector<std::string> out;
  for (const std::string& op : h.sim.order) {
    if (op.find("Update") != std::string::npos || op.find("Create") != std::string::npos)
      out.push_back(op);
  }
  return out;
}

engine::FieldId client_field(std::string_view name) {
  return *healthie::client_schema().id_of(name);
}

engine::FieldId staff_field(std::string_view name) {
  return *healthie::staff_schema().id_of(name);
}

}  // namespace

TEST_CASE("provider: chains: a staff update is a profile call, then a membership call") {
  Harness h(ApiShape::connections);
  seed(h);
  Mutation m;
  m.kind = engine::Kind::staff;
  m.key = "staff.peter@example.com";
  m.user_id = "11";
  m.membership_id = "m11";
  m.fields.set(staff_field("first_name"), "Pete");
  m.fields.set(staff_field("org_role"), "Support");
  testing::StepLog steps;
  REQUIRE(h.provider->apply_one(m, steps));
  CHECK(mutations_sent(h) ==
        std::vector<std::string>{"RosterUpdateMember", "RosterUpdateMembership"});
  REQUIRE(steps.entries.size() == 1);
  CHECK(steps.entries[0].done == 1);
  CHECK(steps.entries[0].name == "profile update");
  CHECK(steps.entries[0].next == "membership update");
  CHECK(steps.entries[0].carried == 1);
}

TEST_CASE("provider: chains: a revived client is unarchived first, then updated") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.add_client("100", "c@example.com", "10", false);
  Mutation m;
  m.kind = engine::Kind::client;
  m.key = "client.c1";
  m.user_id = "100";
  m.fields.set(client_field("active"), "true");
  m.fields.set(client_field("timezone"), "America/Chicago");
  testing::StepLog steps;
  auto r = h.provider->apply_one(m, steps);
  REQUIRE(r);
  CHECK(active(*r));
  CHECK(mutations_sent(h) == std::vector<std::string>{"RosterUpdateClient", "RosterUpdateClient"});
  CHECK(h.transport->requests[h.transport->requests.size() - 2].body.find(
            R"("input":{"id":"100","active":true})") != std::string::npos);
  REQUIRE(steps.entries.size() == 1);
  CHECK(steps.entries[0].name == "unarchive client");
  CHECK(steps.entries[0].next == "update client");
}

TEST_CASE("provider: chains: a client archived with edits is updated first, then archived") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.add_client("100", "c@example.com", "10");
  Mutation m;
  m.kind = engine::Kind::client;
  m.key = "client.c1";
  m.user_id = "100";
  m.fields.set(client_field("active"), "false");
  m.fields.set(client_field("timezone"), "America/Chicago");
  testing::StepLog steps;
  auto r = h.provider->apply_one(m, steps);
  REQUIRE(r);
  CHECK_FALSE(active(*r));
  REQUIRE(steps.entries.size() == 1);
  CHECK(steps.entries[0].name == "update client");
  CHECK(steps.entries[0].next == "archive client");
  CHECK(h.transport->requests.back().body.find(R"("input":{"id":"100","active":false})") !=
        std::string::npos);
}

TEST_CASE("provider: chains: a client created with active: false is created, then archived") {
  Harness h(ApiShape::connections);
  seed(h);
  Mutation m = create("client.mrn-9", "z@example.com");
  m.fields.set(client_field("active"), "false");
  testing::StepLog steps;
  auto r = h.provider->apply_one(m, steps);
  REQUIRE(r);
  CHECK_FALSE(active(*r));
  CHECK(mutations_sent(h) == std::vector<std::string>{"RosterCreateClient", "RosterUpdateClient"});
  // createClient has no `active`; the archive addresses the id the create returned.
  CHECK(h.transport->requests[h.transport->requests.size() - 2].body.find(R"("active":)") ==
        std::string::npos);
  REQUIRE(steps.entries.size() == 1);
  CHECK(steps.entries[0].name == "create client");
  CHECK(steps.entries[0].next == "archive client");
  CHECK(steps.entries[0].user_id == r->user_id);
  CHECK(h.transport->requests.back().body.find(R"("id":")" + r->user_id + R"(","active":false)") !=
        std::string::npos);
}

TEST_CASE("provider: chains: a resumed chain starts at the step an earlier run reached") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.add_client("100", "z@example.com", "");
  Mutation m = create("client.mrn-9", "z@example.com");
  m.fields.set(client_field("active"), "false");
  m.first_step = 1;
  m.user_id = "100";
  testing::StepLog steps;
  auto r = h.provider->apply_one(m, steps);
  REQUIRE(r);
  CHECK_FALSE(active(*r));
  CHECK(r->user_id == "100");
  CHECK(mutations_sent(h) == std::vector<std::string>{"RosterUpdateClient"});
  CHECK(steps.entries.empty());
}

TEST_CASE("provider: chains: a step that cannot be recorded stops the chain before the next") {
  Harness h(ApiShape::connections);
  seed(h);
  Mutation m = create("client.mrn-9", "z@example.com");
  m.fields.set(client_field("active"), "false");
  testing::StepLog steps;
  steps.refuse = "cannot append to journal: No space left on device";
  auto r = h.provider->apply_one(m, steps);
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "client.mrn-9: cannot append to journal: No space left on device");
  CHECK(mutations_sent(h) == std::vector<std::string>{"RosterCreateClient"});
}

TEST_CASE("provider: chains: a failed later step names the step") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op != "RosterUpdateClient")
      return std::nullopt;
    return testing::json_response(
        R"({"data":{"updateClient":{"user":null,"messages":[{"field":"active","message":"cannot be archived"}]}}})");
  };
  Mutation m = create("client.mrn-9", "z@example.com");
  m.fields.set(client_field("active"), "false");
  testing::StepLog steps;
  auto r = h.provider->apply_one(m, steps);
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "client.mrn-9 (archive client): Healthie rejected updateClient: field 'active': cannot be "
        "archived");
  REQUIRE(steps.entries.size() == 1);
}

TEST_CASE("provider: chains: a reactivated member is reactivated before the profile changes") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.add_member("12", "quinn@example.com", false);
  Mutation m;
  m.kind = engine::Kind::staff;
  m.key = "staff.quinn@example.com";
  m.user_id = "12";
  m.membership_id = "m12";
  m.fields.set(staff_field("active"), "true");
  m.fields.set(staff_field("first_name"), "Quinn");
  testing::StepLog steps;
  auto r = h.provider->apply_one(m, steps);
  REQUIRE(r);
  CHECK(active(*r));
  CHECK(mutations_sent(h) ==
        std::vector<std::string>{"RosterUpdateMembership", "RosterUpdateMember"});
}
