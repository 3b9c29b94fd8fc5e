// Guard rails and ordering: one case per rule, each override lifting only
// its own rule.
#include <doctest/doctest.h>

#include "engine/plan/diff.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::Action;
using engine::GuardRule;
using engine::GuardStatus;
using engine::Kind;
using testing::PlanWorld;

namespace {

const engine::GuardResult& guard(const engine::Plan& p, GuardRule r) {
  return p.guards[static_cast<std::size_t>(r)];
}

testing::FieldValues person(int i) {
  return {{"email", fmt::format("c{}@example.com", i)}, {"first_name", "C"}, {"last_name", "L"}};
}

// `managed` managed clients, of which the roster keeps `kept`.
PlanWorld clinic(int managed, int kept) {
  PlanWorld w;
  for (int i = 0; i < managed; ++i) {
    std::string key = fmt::format("k{:02}", i);
    if (i < kept) {
      w.client(key, person(i));
    }
    w.remote_client(fmt::format("{}", 100 + i), person(i));
    w.manage(Kind::client, key, fmt::format("{}", 100 + i));
  }
  return w;
}

}  // namespace

TEST_CASE("guards: deactivating more than the allowed share refuses the plan") {
  PlanWorld w = clinic(20, 14);  // 6 of 20 = 30% > 25%
  auto out = w.plan();
  CHECK(out.plan.refused());
  const auto& g = guard(out.plan, GuardRule::max_deactivations);
  CHECK(g.status == GuardStatus::refused);
  CHECK(g.findings == std::vector<std::string>{
                          "would deactivate 6 of 20 managed clients (30.0%), more than "
                          "policy.max_deactivations allows (25%)"});
}

TEST_CASE("guards: the share applies only from 10 managed users") {
  PlanWorld w = clinic(9, 4);  // 5 of 9
  CHECK_FALSE(w.plan().plan.refused());
}

TEST_CASE("guards: an absolute limit") {
  PlanWorld w = clinic(6, 3);
  w.desired.policy.max_deactivations = {engine::DeactivationLimit::Unit::count, 2};
  auto out = w.plan();
  CHECK(guard(out.plan, GuardRule::max_deactivations).findings ==
        std::vector<std::string>{"would deactivate 3 clients, more than policy.max_deactivations allows (2)"});
}

TEST_CASE("guards: -allow-mass-deactivation overrides that rule only") {
  PlanWorld w = clinic(20, 10);
  w.desired.policy.protected_emails = {"dr.a@clinic.example"};
  w.remote_staff("7", "dr.a@clinic.example");
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  engine::PlanOptions o;
  o.overrides.mass_deactivation = true;
  auto out = w.plan(o);
  CHECK(guard(out.plan, GuardRule::max_deactivations).status == GuardStatus::overridden);
  CHECK(guard(out.plan, GuardRule::protected_accounts).status == GuardStatus::refused);
  CHECK(out.plan.refused());
}

TEST_CASE("guards: protected accounts") {
  SUBCASE("listed in policy.protected") {
    PlanWorld w;
    w.desired.policy.protected_emails = {"dr.a@clinic.example"};
    w.remote_staff("7", "dr.a@clinic.example");
    w.manage(Kind::staff, "dr.a@clinic.example", "7");
    auto out = w.plan();
    CHECK(guard(out.plan, GuardRule::protected_accounts).findings ==
          std::vector<std::string>{"would deactivate staff.dr.a@clinic.example, which policy.protected lists"});
  }
  SUBCASE("the API key's own user") {
    PlanWorld w;
    w.remote_staff("caller-1", "me@clinic.example");
    w.manage(Kind::staff, "me@clinic.example", "caller-1");
    auto out = w.plan();
    CHECK(guard(out.plan, GuardRule::protected_accounts).findings ==
          std::vector<std::string>{"would deactivate staff.me@clinic.example, the API key's own user"});
  }
  SUBCASE("the last active admin") {
    PlanWorld w;
    w.remote_staff("7", "boss@clinic.example", {{"is_admin", "true"}});
    w.staff("boss@clinic.example", {{"is_admin", "false"}});
    w.manage(Kind::staff, "boss@clinic.example", "7");
    auto out = w.plan();
    CHECK(guard(out.plan, GuardRule::last_admin).findings ==
          std::vector<std::string>{"would leave the organization without an active admin "
                                   "(deactivating or demoting staff.boss@clinic.example)"});
    CHECK(guard(out.plan, GuardRule::protected_accounts).status == GuardStatus::passed);
    // Its own override: -allow-protected-deactivation does not lift it.
    engine::PlanOptions o;
    o.overrides.protected_accounts = true;
    CHECK(w.plan(o).plan.refused());
    o.overrides.no_admin = true;
    auto lifted = w.plan(o);
    CHECK(guard(lifted.plan, GuardRule::last_admin).status == GuardStatus::overridden);
    CHECK_FALSE(lifted.plan.refused());
  }
  SUBCASE("a client whose email policy.protected lists, named without the email") {
    PlanWorld w;
    w.desired.policy.protected_emails = {"demo@example.com", "vip@example.com", "old@example.com"};
    // Removed from the roster, explicit key: named by the key.
    w.remote_client("101",
                    {{"email", "Demo@Example.com"}, {"first_name", "D"}, {"last_name", "L"}});
    w.manage(Kind::client, "demo", "101");
    // `active: false` under a key derived from PHI: named by its Healthie id.
    testing::FieldValues vip = {
        {"email", "vip@example.com"}, {"first_name", "V"}, {"last_name", "P"}};
    w.remote_client("102", vip);
    vip.emplace_back("active", "false");
    w.client("email:vip@example.com/v/p", vip);
    w.manage(Kind::client, "email:vip@example.com/v/p", "102");
    // Removed, under a key derived from PHI: named by its Healthie id.
    w.remote_client("103", {{"email", "old@example.com"}, {"first_name", "O"}, {"last_name", "Q"}});
    w.manage(Kind::client, "email:old@example.com/o/q", "103");
    // Not protected: no finding.
    w.remote_client("104", person(4));
    w.manage(Kind::client, "k4", "104");
    auto out = w.plan();
    const auto& g = guard(out.plan, GuardRule::protected_accounts);
    CHECK(g.status == GuardStatus::refused);
    CHECK(g.findings == std::vector<std::string>{
                            "would deactivate client.demo, whose email policy.protected lists",
                            "would deactivate client.id:103, whose email policy.protected lists",
                            "would deactivate client.id:102, whose email policy.protected lists"});
    for (const std::string& f : g.findings) {
      CHECK(f.find("@example.com") == std::string::npos);
    }
  }
  SUBCASE("overridden by -allow-protected-deactivation") {
    PlanWorld w;
    w.desired.policy.protected_emails = {"dr.a@clinic.example"};
    w.remote_staff("7", "dr.a@clinic.example");
    w.manage(Kind::staff, "dr.a@clinic.example", "7");
    engine::PlanOptions o;
    o.overrides.protected_accounts = true;
    auto out = w.plan(o);
    CHECK(guard(out.plan, GuardRule::protected_accounts).status == GuardStatus::overridden);
    CHECK_FALSE(out.plan.refused());
  }
}

namespace {

// 20 managed clients of dr.a; the roster changes the last name of `renamed`
// and moves `moved` to dr.b.
PlanWorld edits(int renamed, int moved) {
  PlanWorld w;
  w.desired.staff_declared = false;
  w.remote_staff("7", "dr.a@clinic.example");
  w.remote_staff("8", "dr.b@clinic.example");
  for (int i = 0; i < 20; ++i) {
    std::string key = fmt::format("k{:02}", i);
    auto before = person(i);
    before.emplace_back("provider", "dr.a@clinic.example");
    auto after = person(i);
    after[2].second = i < renamed ? "Changed" : "L";
    after.emplace_back("provider", i < moved ? "dr.b@clinic.example" : "dr.a@clinic.example");
    w.remote_client(fmt::format("{}", 100 + i), before);
    w.client(key, after);
    w.manage(Kind::client, key, fmt::format("{}", 100 + i));
  }
  return w;
}

}  // namespace

TEST_CASE("guards: updating more than policy.max_updates refuses the plan") {
  auto out = edits(11, 0).plan();  // 11 of 20 = 55% > 50%
  CHECK(out.plan.refused());
  CHECK(guard(out.plan, GuardRule::max_updates).findings ==
        std::vector<std::string>{"would update 11 of 20 managed clients (55.0%), more than "
                                 "policy.max_updates allows (50%)"});
  CHECK(guard(out.plan, GuardRule::max_reassignments).status == GuardStatus::passed);
  CHECK_FALSE(edits(10, 0).plan().plan.refused());  // 50% is allowed

  PlanWorld counted = edits(3, 0);
  counted.desired.policy.max_updates = {engine::ChangeLimit::Unit::count, 2};
  CHECK(guard(counted.plan().plan, GuardRule::max_updates).findings ==
        std::vector<std::string>{"would update 3 clients, more than policy.max_updates allows (2)"});

  engine::PlanOptions o;
  o.overrides.mass_update = true;
  auto lifted = edits(11, 0).plan(o);
  CHECK(guard(lifted.plan, GuardRule::max_updates).status == GuardStatus::overridden);
  CHECK_FALSE(lifted.plan.refused());
}

TEST_CASE("guards: moving more clients than policy.max_reassignments refuses the plan") {
  auto out = edits(0, 6).plan();  // 6 of 20 = 30% > 25%
  CHECK(out.plan.refused());
  CHECK(guard(out.plan, GuardRule::max_reassignments).findings ==
        std::vector<std::string>{"would move 6 of 20 managed clients to another provider "
                                 "(30.0%), more than policy.max_reassignments allows (25%)"});
  CHECK(guard(out.plan, GuardRule::max_updates).status == GuardStatus::passed);
  CHECK_FALSE(edits(0, 5).plan().plan.refused());

  engine::PlanOptions o;
  o.overrides.mass_update = true;  // another rule's override lifts nothing here
  CHECK(edits(0, 6).plan(o).plan.refused());
  o.overrides.mass_reassignment = true;
  CHECK_FALSE(edits(0, 6).plan(o).plan.refused());
}

TEST_CASE("guards: a provider with active clients and no reassignment") {
  PlanWorld w;
  w.remote_staff("7", "dr.a@clinic.example");
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  w.desired.clients_declared = false;
  auto v = person(1);
  v.emplace_back("provider", "dr.a@clinic.example");
  w.remote_client("101", v);
  w.remote_client("102", v);
  auto out = w.plan();
  CHECK(guard(out.plan, GuardRule::provider_with_clients).findings ==
        std::vector<std::string>{
            "would deactivate staff.dr.a@clinic.example, who has 2 active clients, without "
            "reassign_clients_to; keep the entry with `active: false` and add "
            "`reassign_clients_to: <email>`"});
  engine::PlanOptions o;
  o.overrides.provider_with_clients = true;
  auto lifted = w.plan(o);
  CHECK_FALSE(lifted.plan.refused());
  REQUIRE(lifted.plan.changes.size() == 1);
  CHECK(lifted.plan.changes[0].side_effects[0].kind == engine::SideEffectKind::clients_left_assigned);
}

TEST_CASE("guards: reassign_clients_to passes the rule and shows the reassignment") {
  PlanWorld w;
  w.staff("dr.a@clinic.example", {{"active", "false"}}).reassign_clients_to = "dr.b@clinic.example";
  w.staff("dr.b@clinic.example");
  w.remote_staff("7", "dr.a@clinic.example");
  w.remote_staff("8", "dr.b@clinic.example");
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  w.manage(Kind::staff, "dr.b@clinic.example", "8");
  w.desired.clients_declared = false;
  auto v = person(1);
  v.emplace_back("provider", "id:7");
  w.remote_client("101", v);
  auto out = w.plan();
  CHECK(out.diagnostics.empty());
  CHECK_FALSE(out.plan.refused());
  REQUIRE(out.plan.changes.size() == 1);
  const auto& se = out.plan.changes[0].side_effects;
  REQUIRE(se.size() == 1);
  CHECK(se[0].kind == engine::SideEffectKind::clients_reassigned);
  CHECK(se[0].count == 1);
  CHECK(se[0].target == "dr.b@clinic.example");
}

TEST_CASE("ordering: staff arrive first, clients move before their provider leaves") {
  PlanWorld w;
  w.staff("dr.b@clinic.example");  // created
  w.remote_staff("7", "dr.a@clinic.example");
  w.manage(Kind::staff, "dr.a@clinic.example", "7");  // removed: deactivated
  auto moved = person(1);
  moved.emplace_back("provider", "dr.b@clinic.example");
  w.client("k1", moved);
  auto before = person(1);
  before.emplace_back("provider", "dr.a@clinic.example");
  w.remote_client("101", before);
  w.manage(Kind::client, "k1", "101");
  w.remote_client("102", person(2));
  w.manage(Kind::client, "k2", "102");  // removed: deactivated
  auto out = w.plan();
  // Only the hint that dr.b (same names as dr.a) may be dr.a renamed.
  REQUIRE_FALSE(out.diagnostics.has_errors());
  std::vector<std::string> order;
  for (const auto& c : out.plan.changes) {
    order.push_back(fmt::format("{} {}", engine::to_string(c.action), c.address.to_string()));
  }
  CHECK(order == std::vector<std::string>{"create staff.dr.b@clinic.example", "update client.k1",
                                          "deactivate client.k2",
                                          "deactivate staff.dr.a@clinic.example"});
  CHECK(out.plan.changes[1].depends_on == std::vector<std::size_t>{0});
  CHECK(out.plan.changes[3].depends_on == std::vector<std::size_t>{1});
  CHECK(out.plan.changes[1].side_effects[0].kind == engine::SideEffectKind::provider_changed);
  CHECK_FALSE(out.plan.refused());
}

TEST_CASE("side effects: a staff create sends the invite, a client create the welcome") {
  PlanWorld w;
  w.desired.policy.send_welcome_email = true;
  w.staff("dr.b@clinic.example");
  w.client("k1", person(1));
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 2);
  CHECK(out.plan.changes[0].side_effects[0].kind == engine::SideEffectKind::invite_email);
  CHECK(out.plan.changes[1].side_effects[0].kind == engine::SideEffectKind::welcome_email);
}
