#include <doctest/doctest.h>

#include "providers/healthie/resource_schema.hpp"
#include "tests/unit/support/provider_harness.hpp"

using namespace rosterform;
using engine::Mutation;
using engine::MutationKind;
using healthie::ApiShape;
using testing::Harness;

namespace {

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
  m.kind = MutationKind::create_client;
  m.key = key;
  m.fields = client_fields(email, provider);
  return m;
}

void seed(Harness& h) {
  h.sim.add_member("10", "olivia@example.com", true, true);
  h.sim.add_member("11", "peter@example.com");
}

}  // namespace

TEST_CASE("provider: mutations: createClient resolves the provider and skips the welcome email") {
  Harness h(ApiShape::connections);
  seed(h);
  auto r = h.provider->apply_one(create("alice", "alice@example.com", "Peter@Example.com"));
  REQUIRE(r);
  CHECK(r->user_id == "5000");
  REQUIRE(h.sim.clients.size() == 1);
  CHECK(h.sim.clients[0]["dietitian_id"] == "11");
  CHECK(h.sim.clients[0]["dob"] == "1985-02-03");
  CHECK(h.transport->requests.back().body.find("\"dont_send_welcome\":true") != std::string::npos);
}

TEST_CASE("provider: mutations: validation messages name the record's key and the field, never the value") {
  Harness h(ApiShape::baseline);
  seed(h);
  auto r = h.provider->apply_one(create("alice", "not-an-email"));
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "client alice: Healthie rejected createClient: field 'email': Email is invalid");
  CHECK(r.error().message.find("not-an-email") == std::string::npos);
}

TEST_CASE("provider: mutations: a lost createClient answer is settled by a look-up, never re-sent blind") {
  for (ApiShape shape : {ApiShape::baseline, ApiShape::connections}) {
    Harness h(shape);
    seed(h);
    h.sim.after = [](const std::string& op, int nth) -> std::optional<http::Response> {
      if (op == "RosterCreateClient" && nth == 1)
        return testing::lost_response();
      return std::nullopt;
    };
    auto r = h.provider->apply_one(create("alice", "alice@example.com"));
    REQUIRE(r);
    CHECK(r->user_id == "5000");
    CHECK(h.sim.calls["RosterCreateClient"] == 1);
    CHECK(h.sim.calls["RosterClientSearch"] == 1);
    CHECK(h.sim.clients.size() == 1);
  }
}

TEST_CASE("provider: mutations: a create that never happened is sent again only after the look-up") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.before = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterCreateClient" && nth == 1)
      return testing::json_response("<html>502</html>", 502);
    return std::nullopt;
  };
  auto r = h.provider->apply_one(create("alice", "alice@example.com"));
  REQUIRE(r);
  CHECK(h.sim.calls["RosterCreateClient"] == 2);
  CHECK(h.sim.calls["RosterClientSearch"] == 1);
  CHECK(h.sim.clients.size() == 1);
}

TEST_CASE("provider: mutations: an outcome that stays unknown gives up without a duplicate") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.before = [](const std::string& op, int) -> std::optional<http::Response> {
    if (op == "RosterCreateClient")
      return testing::lost_response();
    return std::nullopt;
  };
  auto r = h.provider->apply_one(create("alice", "alice@example.com"));
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "client alice: createClient failed 3 times without an answer and Healthie does not show "
        "the change; nothing more was sent; try again later");
  CHECK(h.sim.calls["RosterClientSearch"] == 3);
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
  REQUIRE(h.provider->apply_one(create("alice", "alice@example.com")));
  CHECK(h.sim.calls["RosterClientSearch"] == 0);
  CHECK(h.sim.calls["RosterCreateClient"] == 2);
}

TEST_CASE("provider: mutations: update sends only the changed fields; archive and unarchive use active") {
  Harness h(ApiShape::baseline);
  seed(h);
  h.sim.add_client("100", "c@example.com", "10");
  Mutation update;
  update.kind = MutationKind::update_client;
  update.key = "c1";
  update.user_id = "100";
  update.fields.set(*healthie::client_schema().id_of("timezone"), "America/Chicago");
  REQUIRE(h.provider->apply_one(update));
  const std::string& body = h.transport->requests.back().body;
  CHECK(body.find(R"("input":{"id":"100","timezone":"America/Chicago"})") != std::string::npos);

  Mutation archive;
  archive.kind = MutationKind::archive_client;
  archive.key = "c1";
  archive.user_id = "100";
  auto r = h.provider->apply_one(archive);
  REQUIRE(r);
  CHECK_FALSE(r->active);
  CHECK(h.transport->requests.back().body.find(R"("input":{"id":"100","active":false})") !=
        std::string::npos);
  archive.kind = MutationKind::unarchive_client;
  CHECK(h.provider->apply_one(archive)->active);
}

TEST_CASE("provider: mutations: a lost update is verified by reading the record") {
  Harness h(ApiShape::connections);
  seed(h);
  h.sim.add_client("100", "c@example.com", "10");
  h.sim.after = [](const std::string& op, int nth) -> std::optional<http::Response> {
    if (op == "RosterUpdateClient" && nth == 1)
      return testing::json_response(R"({"data":{"updateCl)");
    return std::nullopt;
  };
  Mutation archive;
  archive.kind = MutationKind::archive_client;
  archive.key = "c1";
  archive.user_id = "100";
  REQUIRE(h.provider->apply_one(archive));
  CHECK(h.sim.calls["RosterUpdateClient"] == 1);
  CHECK(h.sim.calls["RosterUser"] == 1);
}

TEST_CASE("provider: mutations: staff need an admin key") {
  Harness h(ApiShape::connections);
  h.sim.caller["is_org_admin"] = false;
  h.sim.caller["organization_membership"]["is_admin"] = false;
  Mutation m;
  m.kind = MutationKind::create_member;
  m.key = "new";
  auto r = h.provider->apply_one(m);
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "staff member new: managing staff needs an organization admin's API key, but this key "
        "belongs to user 1, who is not an admin; use an admin's key or leave staff out of the "
        "roster");
  CHECK(h.sim.calls["RosterCreateMember"] == 0);
}

TEST_CASE("provider: mutations: a new member is created, then given the profile fields and admin flag") {
  Harness h(ApiShape::baseline);
  seed(h);
  const auto& s = healthie::staff_schema();
  Mutation m;
  m.kind = MutationKind::create_member;
  m.key = "sam";
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
  CHECK(r->is_admin);
  CHECK(*r->fields.get(*s.id_of("npi")) == "123");
  CHECK(*r->fields.get(*s.id_of("org_role")) == "Support");
  CHECK(h.sim.members.back()["user"]["npi"] == "123");
  CHECK(h.transport->requests[2].body.find(R"("organization_id":"7")") != std::string::npos);
}

TEST_CASE("provider: mutations: deactivating a member hands the clients over") {
  Harness h(ApiShape::connections);
  seed(h);
  Mutation m;
  m.kind = MutationKind::update_membership;
  m.key = "peter";
  m.membership_id = "m11";
  m.fields.set(*healthie::staff_schema().id_of("active"), "false");
  m.receiver = "olivia@example.com";
  auto r = h.provider->apply_one(m);
  REQUIRE(r);
  CHECK_FALSE(r->active);
  CHECK(h.transport->requests.back().body.find(
            R"("input":{"id":"m11","active":false,"provider_to_receive_clients":"10"})") !=
        std::string::npos);
}

TEST_CASE("provider: mutations: an unknown provider reference fails before anything is sent") {
  Harness h(ApiShape::connections);
  seed(h);
  auto r = h.provider->apply_one(create("alice", "alice@example.com", "nobody@example.com"));
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
