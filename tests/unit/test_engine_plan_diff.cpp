// The diff's rules, one case each: actions and reasons, managed fields only,
// unmanaged users, authoritative mode, identity matching, drift.
#include <doctest/doctest.h>

#include "engine/plan/diff.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::Action;
using engine::Kind;
using testing::PlanWorld;

namespace {

const engine::Change* find_change(const engine::Plan& plan, std::string_view address) {
  for (const auto& c : plan.changes) {
    if (c.address.to_string() == address) {
      return &c;
    }
  }
  return nullptr;
}

std::vector<std::string> errors(const engine::Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) {
    out.push_back(engine::format_diagnostic(item));
  }
  return out;
}

const testing::FieldValues k_ann = {{"email", "ann@example.com"}, {"first_name", "Ann"},
                                    {"last_name", "Lee"}, {"dob", "1980-02-03"}};

}  // namespace

TEST_CASE("diff: a roster entry not in Healthie is created, with the reason") {
  PlanWorld w;
  w.staff("dr.a@clinic.example");
  auto out = w.plan();
  REQUIRE(out.diagnostics.empty());
  REQUIRE(out.plan.changes.size() == 1);
  const auto& c = out.plan.changes[0];
  CHECK(c.action == Action::create);
  CHECK(c.address.to_string() == "staff.dr.a@clinic.example");
  CHECK(c.reason == "not in Healthie");
  CHECK(c.fields.size() == 3);
  CHECK(c.fields[0].after == "dr.a@clinic.example");
  CHECK_FALSE(c.fields[0].before.has_value());
}

TEST_CASE("diff: an identical managed user is a no-op, counted but not stored") {
  PlanWorld w;
  w.client("mrn-1", k_ann);
  w.remote_client("101", k_ann);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  CHECK(out.plan.changes.empty());
  CHECK(out.plan.summary.count(Action::no_op) == 1);
  CHECK_FALSE(out.plan.has_changes());
}

TEST_CASE("diff: an update names the differing fields and keeps the unchanged ones") {
  PlanWorld w;
  auto want = k_ann;
  want.emplace_back("phone_number", "555-0101");
  want.emplace_back("timezone", "America/Chicago");
  w.client("mrn-1", want);
  auto have = k_ann;
  have.emplace_back("phone_number", "555-0199");
  have.emplace_back("timezone", "America/New_York");
  w.remote_client("101", have);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  const auto* c = find_change(out.plan, "client.mrn-1");
  REQUIRE(c != nullptr);
  CHECK(c->action == Action::update);
  CHECK(c->reason == "phone_number and timezone differ");
  CHECK(c->changed_field_count() == 2);
  CHECK(c->unchanged_field_count() == 4);
  CHECK(c->address.user_id == "101");
}

TEST_CASE("diff: fields the roster leaves out are not managed") {
  PlanWorld w;
  w.client("mrn-1", k_ann);
  auto have = k_ann;
  have.emplace_back("phone_number", "555-0199");
  have.emplace_back("gender", "Female");
  w.remote_client("101", have);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  CHECK(out.plan.changes.empty());
}

TEST_CASE("diff: emails compare without case") {
  PlanWorld w;
  w.staff("dr.a@clinic.example");
  w.remote_staff("7", "Dr.A@Clinic.Example");
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  CHECK(w.plan().plan.changes.empty());
}

TEST_CASE("diff: a managed user removed from the roster is deactivated") {
  PlanWorld w;
  w.remote_client("101", k_ann);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  const auto* c = find_change(out.plan, "client.mrn-1");
  REQUIRE(c != nullptr);
  CHECK(c->action == Action::deactivate);
  CHECK(c->reason == "removed from the roster");
  REQUIRE(c->side_effects.size() == 1);
  CHECK(c->side_effects[0].kind == engine::SideEffectKind::appointments_cancelled);
}

TEST_CASE("diff: with on_removal ignore a removed user is forgotten, not deactivated") {
  PlanWorld w;
  w.desired.policy.on_removal = engine::OnRemoval::ignore;
  w.remote_client("101", k_ann);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  const auto* c = find_change(out.plan, "client.mrn-1");
  REQUIRE(c != nullptr);
  CHECK(c->action == Action::forget);
  CHECK(c->reason == "removed from the roster; policy.on_removal is ignore, so Healthie keeps the user");
}

TEST_CASE("diff: a removed user Healthie already archived is forgotten") {
  PlanWorld w;
  w.remote_client("101", k_ann, false);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 1);
  CHECK(out.plan.changes[0].action == Action::forget);
  CHECK(out.plan.changes[0].reason == "removed from the roster; already archived in Healthie");
}

TEST_CASE("diff: an archived managed client that the roster keeps is reactivated") {
  PlanWorld w;
  w.client("mrn-1", k_ann);
  w.remote_client("101", k_ann, false);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 1);
  CHECK(out.plan.changes[0].action == Action::reactivate);
  CHECK(out.plan.changes[0].reason == "archived in Healthie but active in the roster");
}

TEST_CASE("diff: active: false in the roster deactivates") {
  PlanWorld w;
  w.staff("dr.a@clinic.example", {{"active", "false"}});
  w.remote_staff("7", "dr.a@clinic.example");
  w.remote_staff("8", "admin@clinic.example", {{"is_admin", "true"}});
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  auto out = w.plan();
  const auto* c = find_change(out.plan, "staff.dr.a@clinic.example");
  REQUIRE(c != nullptr);
  CHECK(c->action == Action::deactivate);
  CHECK(c->reason == "active: false in the roster");
}

TEST_CASE("diff: adopting an active user the roster says is inactive is a deactivation") {
  PlanWorld w;
  auto want = k_ann;
  want.emplace_back("active", "false");
  w.client("mrn-1", want);
  w.remote_client("101", k_ann);
  auto out = w.plan();
  const auto* c = find_change(out.plan, "client.mrn-1");
  REQUIRE(c != nullptr);
  // A deactivation, so the guard rails count it, with the adoption said.
  CHECK(c->action == Action::deactivate);
  CHECK(c->reason == "matches a Healthie client by email and name; active: false in the roster");
}

TEST_CASE("diff: an archived client the roster has inactive and Healthie lacks is created") {
  PlanWorld w;
  auto want = k_ann;
  want.emplace_back("active", "false");
  w.client("mrn-1", want);
  auto out = w.plan();
  const auto* c = find_change(out.plan, "client.mrn-1");
  REQUIRE(c != nullptr);
  CHECK(c->action == Action::create);
}

TEST_CASE("diff: an inactive staff entry Healthie lacks is left alone, with a warning") {
  PlanWorld w;
  w.staff("dr.a@clinic.example", {{"active", "false"}});
  auto out = w.plan();
  CHECK(out.plan.changes.empty());
  REQUIRE(out.diagnostics.items().size() == 1);
  CHECK(out.diagnostics.items()[0].message.find(
            "inactive in the roster and not in Healthie; nothing to do") != std::string::npos);
}

TEST_CASE("diff: an existing Healthie user matching an entry is adopted") {
  SUBCASE("staff by email") {
    PlanWorld w;
    w.staff("dr.a@clinic.example", {{"timezone", "America/Chicago"}});
    w.remote_staff("7", "DR.A@clinic.example", {{"timezone", "America/Denver"}});
    auto out = w.plan();
    REQUIRE(out.plan.changes.size() == 1);
    CHECK(out.plan.changes[0].action == Action::adopt);
    CHECK(out.plan.changes[0].reason == "matches a Healthie staff member by email; timezone differs");
  }
  SUBCASE("client by record_identifier") {
    PlanWorld w;
    auto want = k_ann;
    want.emplace_back("record_identifier", "R-1");
    w.client("rid:R-1", want);
    auto have = k_ann;
    have[0].second = "other@example.com";
    have.emplace_back("record_identifier", "R-1");
    w.remote_client("101", have);
    auto out = w.plan();
    REQUIRE(out.plan.changes.size() == 1);
    CHECK(out.plan.changes[0].reason == "matches a Healthie client by record_identifier; email differs");
  }
  SUBCASE("client by email and name") {
    PlanWorld w;
    w.client("email:ann@example.com/ann/lee", k_ann);
    w.remote_client("101", k_ann, false);
    auto out = w.plan();
    REQUIRE(out.plan.changes.size() == 1);
    CHECK(out.plan.changes[0].action == Action::adopt);
    CHECK(out.plan.changes[0].reason ==
          "matches a Healthie client by email and name; archived in Healthie, will be reactivated");
    CHECK(out.plan.changes[0].address.key_is_phi);
  }
}

TEST_CASE("diff: Healthie users nobody manages are listed and left alone") {
  PlanWorld w;
  w.remote_client("101", k_ann);
  w.remote_staff("7", "dr.z@clinic.example");
  w.remote_client("102", k_ann, false);  // archived: not listed
  auto out = w.plan();
  CHECK(out.plan.changes.empty());
  REQUIRE(out.plan.unmanaged.size() == 2);
  CHECK(out.plan.unmanaged[0].kind == Kind::staff);
  CHECK(out.plan.unmanaged[0].email == "dr.z@clinic.example");
  CHECK(out.plan.unmanaged[1].user_id == "101");
}

TEST_CASE("diff: policy.authoritative deactivates Healthie users missing from the roster") {
  PlanWorld w;
  w.desired.policy.authoritative = true;
  w.remote_client("101", k_ann);
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 1);
  CHECK(out.plan.changes[0].action == Action::deactivate);
  CHECK(out.plan.changes[0].reason == "not in the roster, and policy.authoritative is set");
  CHECK(out.plan.changes[0].address.to_string() == "client.#101");
  CHECK(out.plan.unmanaged.empty());
}

TEST_CASE("diff: a section the roster does not declare is not managed") {
  PlanWorld w;
  w.desired.clients_declared = false;
  w.desired.policy.authoritative = true;
  w.remote_client("101", k_ann);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  CHECK(out.plan.changes.empty());
  CHECK(out.plan.unmanaged.empty());
}

TEST_CASE("diff: the state's Healthie id wins over identity, so a rename is an update") {
  PlanWorld w;
  auto want = k_ann;
  want[0].second = "ann.lee@example.com";
  w.client("mrn-1", want);
  w.remote_client("101", k_ann);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 1);
  CHECK(out.plan.changes[0].action == Action::update);
  CHECK(out.plan.changes[0].reason == "email differs");
}

TEST_CASE("diff: a `previously` key carries the state entry over") {
  PlanWorld w;
  w.client("mrn-1", k_ann).previously = {"old-1"};
  w.remote_client("101", k_ann);
  w.manage(Kind::client, "old-1", "101");
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 1);
  CHECK(out.plan.changes[0].action == Action::update);
  CHECK(out.plan.changes[0].moved_from == "old-1");
  CHECK(out.plan.changes[0].reason == "renamed from client.old-1");
}

TEST_CASE("diff: drift is told apart from an intended change by last-applied digests") {
  PlanWorld w;
  auto want = k_ann;
  want.emplace_back("phone_number", "555-0101");
  want.emplace_back("timezone", "America/Chicago");
  w.client("mrn-1", want);
  auto have = k_ann;
  have.emplace_back("phone_number", "555-0999");          // changed in Healthie
  have.emplace_back("timezone", "America/New_York");      // as last applied
  w.remote_client("101", have);
  w.manage(Kind::client, "mrn-1", "101",
           {{"phone_number", "555-0101"}, {"timezone", "America/New_York"}});
  auto out = w.plan();
  REQUIRE(out.plan.changes.size() == 1);
  CHECK(out.plan.changes[0].reason ==
        "phone_number and timezone differ; phone_number changed outside rosterform");
  REQUIRE(out.plan.drift.size() == 1);
  CHECK(out.plan.drift[0].description == "phone_number changed outside rosterform");
  CHECK(out.plan.drift[0].address.to_string() == "client.mrn-1");
}

TEST_CASE("diff: the hasher is called only for differing fields and touched records") {
  PlanWorld w;
  for (int i = 0; i < 50; ++i) {
    auto v = k_ann;
    v[0].second = fmt::format("c{}@example.com", i);
    w.client(fmt::format("k{}", i), v);
    w.remote_client(fmt::format("{}", 100 + i), v);
    w.manage(Kind::client, fmt::format("k{}", i), fmt::format("{}", 100 + i), v);
  }
  int before = w.hasher.calls;
  auto out = w.plan();
  CHECK(out.plan.changes.empty());
  CHECK(w.hasher.calls == before);
}

TEST_CASE("diff: -refresh-only keeps only the drift") {
  PlanWorld w;
  auto have = k_ann;
  have.emplace_back("phone_number", "555-0999");
  auto want = k_ann;
  want.emplace_back("phone_number", "555-0101");
  w.client("mrn-1", want);
  w.client("mrn-2", k_ann);
  w.remote_client("101", have);
  w.manage(Kind::client, "mrn-1", "101", {{"phone_number", "555-0101"}});
  engine::PlanOptions o;
  o.refresh_only = true;
  auto out = w.plan(o);
  CHECK(out.plan.refresh_only);
  CHECK(out.plan.changes.empty());
  CHECK(out.plan.drift.size() == 1);
}

TEST_CASE("diff: a managed user Healthie no longer returns is an error") {
  PlanWorld w;
  w.client("mrn-1", k_ann);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  CHECK(errors(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:1:5: error: client.mrn-1: the state records it as Healthie user "
            "101, which Healthie no longer returns; if the user was moved out of this "
            "organization, run `rosterform state rm client.mrn-1` to plan it afresh"});
}

TEST_CASE("diff: a staff member created in the same plan is known after apply") {
  PlanWorld w;
  w.staff("dr.new@clinic.example");
  auto v = k_ann;
  v.emplace_back("provider", "dr.new@clinic.example");
  w.client("mrn-1", v);
  auto out = w.plan();
  REQUIRE(out.diagnostics.empty());
  REQUIRE(out.plan.changes.size() == 2);
  CHECK(out.plan.changes[0].address.kind == Kind::staff);
  const auto& c = out.plan.changes[1];
  auto pid = testing::field_id(Kind::client, "provider");
  auto it = std::find_if(c.fields.begin(), c.fields.end(), [&](auto& f) { return f.field == pid; });
  REQUIRE(it != c.fields.end());
  CHECK(it->known_after_apply);
  CHECK(c.depends_on == std::vector<std::size_t>{0});
}

TEST_CASE("diff: a provider given by Healthie id matches the same member's email") {
  PlanWorld w;
  w.remote_staff("7", "dr.a@clinic.example");
  auto v = k_ann;
  v.emplace_back("provider", "dr.a@clinic.example");
  w.client("mrn-1", v);
  auto have = k_ann;
  have.emplace_back("provider", "id:7");
  w.remote_client("101", have);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  CHECK(out.diagnostics.empty());
  CHECK(out.plan.changes.empty());
}

TEST_CASE("diff: -target keeps the named change and what it depends on") {
  PlanWorld w;
  w.staff("dr.new@clinic.example");
  w.staff("dr.other@clinic.example");
  auto v = k_ann;
  v.emplace_back("provider", "dr.new@clinic.example");
  w.client("mrn-1", v);
  engine::PlanOptions o;
  o.targets = {"client.mrn-1"};
  auto out = w.plan(o);
  REQUIRE(out.plan.changes.size() == 2);
  CHECK(out.plan.changes[0].address.to_string() == "staff.dr.new@clinic.example");
  CHECK(out.plan.changes[1].depends_on == std::vector<std::size_t>{0});
}

TEST_CASE("diff: a -target that names nothing is an error") {
  PlanWorld w;
  w.staff("dr.a@clinic.example");
  engine::PlanOptions o;
  o.targets = {"client.nobody"};
  auto out = w.plan(o);
  CHECK(errors(out.diagnostics) ==
        std::vector<std::string>{"error: -target client.nobody: no roster entry or state entry has "
                                 "this handle; handles look like staff.<email>, client.<key>, "
                                 "client.id:<Healthie id> or <roster file>:<line>"});
}
