// Ordering (issue 11, point 6): a staff rename and the clients that name
// the member by the new email. No phantom provider updates; every client
// change that sends the provider waits for the member's change.
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/plan/diff.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::Action;
using engine::Kind;
using testing::PlanWorld;

namespace {

testing::FieldValues client_of(const std::string& n, const std::string& provider) {
  return {{"email", n + "@example.com"}, {"first_name", n}, {"last_name", "Lee"},
          {"provider", provider}};
}

// dr.old@ is renamed dr.new@ (previously:); mrn-1 already has them in
// Healthie and names the new email; mrn-2 is new and names the new email.
PlanWorld renamed_provider() {
  PlanWorld w;
  w.staff("dr.new@clinic.example").previously = {"dr.old@clinic.example"};
  w.remote_staff("7", "dr.old@clinic.example");
  w.manage(Kind::staff, "dr.old@clinic.example", "7");
  w.client("mrn-1", client_of("ann", "dr.new@clinic.example"));
  w.remote_client("101", client_of("ann", "dr.old@clinic.example"));
  w.manage(Kind::client, "mrn-1", "101");
  w.client("mrn-2", client_of("bo", "dr.new@clinic.example"));
  return w;
}

}  // namespace

TEST_CASE("ordering: a client naming a renamed member by the new email is not changed") {
  auto out = renamed_provider().plan();
  CHECK_FALSE(out.diagnostics.has_errors());
  std::vector<std::string> keys;
  for (const auto& c : out.plan.changes) {
    keys.push_back(c.address.to_string() + " " + std::string(engine::to_string(c.action)));
  }
  CHECK(keys == std::vector<std::string>{"staff.dr.new@clinic.example update",
                                         "client.mrn-2 create"});
}

TEST_CASE("ordering: a client change that sends a renamed member waits for the rename") {
  auto out = renamed_provider().plan();
  REQUIRE(out.plan.changes.size() == 2);
  CHECK(out.plan.changes[1].depends_on == std::vector<std::size_t>{0});
}

TEST_CASE("ordering: a client moved to a member reactivated by the plan waits for it") {
  PlanWorld w;
  w.staff("dr.b@clinic.example");
  w.remote_staff("8", "dr.b@clinic.example", {}, false);
  w.manage(Kind::staff, "dr.b@clinic.example", "8");
  w.remote_staff("7", "dr.a@clinic.example");
  w.staff("dr.a@clinic.example");
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  w.client("mrn-1", client_of("ann", "dr.b@clinic.example"));
  w.remote_client("101", client_of("ann", "dr.a@clinic.example"));
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 2);
  CHECK(out.plan.changes[0].action == Action::reactivate);
  CHECK(out.plan.changes[1].depends_on == std::vector<std::size_t>{0});
}

TEST_CASE("ordering: a client on a member whose change is an ordinary update does not wait") {
  PlanWorld w;
  w.staff("dr.a@clinic.example", {{"timezone", "America/Chicago"}});
  w.remote_staff("7", "dr.a@clinic.example", {{"timezone", "America/New_York"}});
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  w.client("mrn-1", client_of("ann", "dr.a@clinic.example"));
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 2);
  CHECK(out.plan.changes[1].depends_on.empty());
}
