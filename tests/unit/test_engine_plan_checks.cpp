// Checks that fail the plan: one case per rule, with the exact message.
#include <doctest/doctest.h>

#include "engine/plan/diff.hpp"
#include "engine/warning_kinds.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::Kind;
using testing::PlanWorld;

namespace {

std::vector<std::string> messages(const engine::Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) {
    out.push_back(engine::format_diagnostic(item));
  }
  return out;
}

const testing::FieldValues k_ann = {{"email", "ann@example.com"}, {"first_name", "Ann"},
                                    {"last_name", "Lee"}};

}  // namespace

TEST_CASE("checks: two Healthie users matching one entry is an ambiguous match") {
  PlanWorld w;
  w.client("email:ann@example.com/ann/lee", k_ann);
  w.remote_client("101", k_ann);
  w.remote_client("102", k_ann);
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:1:5: error: client entry: 2 Healthie clients match it by email "
            "and name (user ids 101, 102); archive the duplicate in Healthie or give the entry a "
            "record_identifier that only one of them has"});
  CHECK(out.plan.changes.empty());  // no create hides the problem
}

TEST_CASE("checks: two entries matching one Healthie user") {
  PlanWorld w;
  auto a = k_ann;
  a.emplace_back("record_identifier", "R-1");
  w.client("first", a);
  w.client("second", a);
  w.remote_client("101", a);
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:2:5: error: client.second: matches Healthie user 101, which "
            "client.first already matches; one Healthie user can be managed by only one roster "
            "entry"});
}

TEST_CASE("checks: an identity match on a user the state manages under another key") {
  PlanWorld w;
  w.client("new-key", k_ann);
  w.client("old-key", k_ann);
  w.remote_client("101", k_ann);
  w.manage(Kind::client, "old-key", "101");
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:1:5: error: client.new-key: matches Healthie user 101, which the "
            "state manages as client.old-key; if this entry was renamed, list the old key under "
            "`previously:`"});
}

TEST_CASE("checks: a staff entry whose email belongs to a Healthie client") {
  PlanWorld w;
  w.staff("ann@example.com");
  w.remote_client("101", k_ann);
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/staff.yaml:1:5: error: staff.ann@example.com: this email belongs to Healthie "
            "client 101; staff are never created as clients and one email cannot be both: use "
            "another work email for the staff member"});
}

TEST_CASE("checks: a client entry whose email belongs to a staff member") {
  PlanWorld w;
  w.remote_staff("7", "ANN@example.com");
  w.client("mrn-1", k_ann);
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:1:5: error: client.mrn-1: its email belongs to a staff member; "
            "clients and staff must have different emails, or the client would be matched to "
            "(and changed through) the staff member's account"});
}

TEST_CASE("checks: a provider reference that resolves to nothing") {
  PlanWorld w;
  auto v = k_ann;
  v.emplace_back("provider", "nobody@clinic.example");
  w.client("mrn-1", v);
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:1:5: error: client.mrn-1: provider 'nobody@clinic.example' is "
            "not a staff member in the roster or in Healthie; add them under `staff:` or correct "
            "the email"});
}

TEST_CASE("checks: reassign_clients_to that resolves to nothing") {
  PlanWorld w;
  w.staff("dr.a@clinic.example", {{"active", "false"}}).reassign_clients_to = "ghost@clinic.example";
  w.remote_staff("7", "dr.a@clinic.example");
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/staff.yaml:1:5: error: staff.dr.a@clinic.example: reassign_clients_to "
            "'ghost@clinic.example' is not a staff member in the roster or in Healthie; name an "
            "active staff member"});
}

TEST_CASE("checks: a client kept on a provider who is being deactivated") {
  PlanWorld w;
  w.staff("dr.a@clinic.example", {{"active", "false"}}).reassign_clients_to = "dr.b@clinic.example";
  w.staff("dr.b@clinic.example");
  w.remote_staff("7", "dr.a@clinic.example");
  w.remote_staff("8", "dr.b@clinic.example");
  w.manage(Kind::staff, "dr.a@clinic.example", "7");
  w.manage(Kind::staff, "dr.b@clinic.example", "8");
  auto v = k_ann;
  v.emplace_back("provider", "dr.a@clinic.example");
  w.client("mrn-1", v);
  w.remote_client("101", v);
  w.manage(Kind::client, "mrn-1", "101");
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:3:5: error: client.mrn-1: its provider dr.a@clinic.example is "
            "being deactivated; set `provider:` to another staff member (their "
            "reassign_clients_to is dr.b@clinic.example)"});
}

TEST_CASE("checks: messages about a client with a derived key never show its values") {
  PlanWorld w;
  auto v = k_ann;
  v.emplace_back("provider", "nobody@clinic.example");
  w.client("email:ann@example.com/ann/lee", v);
  auto out = w.plan();
  REQUIRE(out.diagnostics.items().size() == 1);
  std::string m = engine::format_diagnostic(out.diagnostics.items()[0]);
  CHECK(m.find("ann@example.com") == std::string::npos);
  CHECK(m.find("Ann") == std::string::npos);
  CHECK(m.find("Lee") == std::string::npos);
}

TEST_CASE("checks: a client created without a provider while the policy asks for one") {
  PlanWorld w;
  w.desired.policy.require_provider_for_clients = true;
  w.client("mrn-1", k_ann);
  const testing::FieldValues existing = {{"email", "bo@example.com"}, {"first_name", "Bo"},
                                         {"last_name", "Ng"}, {"record_identifier", "R-2"}};
  w.client("mrn-2", existing);  // in Healthie without a provider: left as it is
  w.remote_client("102", existing);
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:1:5: error: client.mrn-1: has no provider and would be created; "
            "Healthie would assign it to the API key's user: add 'provider: <staff email>' "
            "(policy require_provider_for_clients is true)"});
  w.desired.policy.require_provider_for_clients = false;
  CHECK(w.plan().diagnostics.empty());
}

TEST_CASE("checks: a deactivated provider Healthie already has is a warning, a new one an error") {
  PlanWorld w;
  w.remote_staff("7", "dr.gone@clinic.example", {}, false);  // not in the roster
  w.remote_staff("8", "dr.here@clinic.example");
  auto kept = k_ann;
  kept.emplace_back("record_identifier", "R-1");
  kept.emplace_back("provider", "dr.gone@clinic.example");
  w.client("kept", kept);
  auto remote = kept;
  remote.back().second = "id:7";  // as Healthie names a member it reads
  w.remote_client("101", remote);
  auto moved = k_ann;
  moved.emplace_back("record_identifier", "R-2");
  moved.emplace_back("provider", "dr.gone@clinic.example");
  w.client("moved", moved);
  auto was = moved;
  was.back().second = "dr.here@clinic.example";
  w.remote_client("102", was);
  auto out = w.plan();
  CHECK(messages(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:1:5: warning: client.kept: its provider dr.gone@clinic.example "
            "is deactivated in Healthie, which keeps the assignment; plan refuses to assign a "
            "client to a deactivated member: assign an active provider",
            "roster/clients.yaml:2:5: error: client.moved: its provider dr.gone@clinic.example "
            "is deactivated in Healthie; set `provider:` to an active staff member"});
  REQUIRE(out.diagnostics.items().size() == 2);
  CHECK(out.diagnostics.items()[0].kind == &engine::warning_kinds::deactivated_provider);
}
