// Handles: the one label every output uses, the grammar users type, and
// -target accepting every handle the plan shows.
#include <doctest/doctest.h>

#include "engine/plan/diff.hpp"
#include "engine/plan/handle.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::Address;
using engine::Handle;
using engine::Kind;
using testing::PlanWorld;

namespace {

const testing::FieldValues k_ann = {{"email", "ann@example.com"}, {"first_name", "Ann"},
                                    {"last_name", "Lee"}, {"record_identifier", "MSN-8888"}};

Address phi_client(std::string user_id, engine::SourceLocation at = {}) {
  return Address{Kind::client, "rid:MSN-8888", true, std::move(user_id), std::move(at)};
}

}  // namespace

TEST_CASE("handle: a shown key is the label, else the Healthie id, else the roster place") {
  CHECK(engine::label(Address{Kind::client, "mrn-1", false, "2001", {}}) == "client.mrn-1");
  CHECK(engine::label(Address{Kind::staff, "dr.a@clinic.example", false, "7", {}}) ==
        "staff.dr.a@clinic.example");
  CHECK(engine::label(phi_client("100023", {"roster/clients.yaml", 69, 5})) == "client.id:100023");
  CHECK(engine::label(phi_client("", {"roster/clients.yaml", 69, 5})) ==
        "client at roster/clients.yaml:69");
  CHECK(engine::label(phi_client("")) == "client entry");
  // Even unflagged, a derived or hidden key is never shown.
  CHECK(engine::label(Address{Kind::client, "h:0123abcd", false, "9", {}}) == "client.id:9");
}

TEST_CASE("handle: every handle of a change, and the others besides the label") {
  Address a{Kind::client, "mrn-1", false, "2001", {"roster/clients.yaml", 3, 5}};
  CHECK(engine::handles(a) ==
        std::vector<std::string>{"client.mrn-1", "client.id:2001", "roster/clients.yaml:3"});
  CHECK(engine::other_handles(a) ==
        std::vector<std::string>{"client.id:2001", "roster/clients.yaml:3"});
  Address fresh = phi_client("", {"roster/clients.yaml", 69, 5});
  CHECK(engine::handles(fresh) == std::vector<std::string>{"roster/clients.yaml:69"});
  CHECK(engine::other_handles(fresh).empty());
}

TEST_CASE("handle: parsing keys, ids and roster locations") {
  Handle id = engine::parse_handle("client.id:100023");
  CHECK(id.form == Handle::Form::user_id);
  CHECK(id.kind == Kind::client);
  CHECK(id.value == "100023");
  CHECK(engine::parse_handle("id:7").kind == std::nullopt);
  Handle at = engine::parse_handle("roster/clients.yaml:69:5");
  CHECK(at.form == Handle::Form::location);
  CHECK(at.value == "roster/clients.yaml");
  CHECK(at.line == 69);
  Handle key = engine::parse_handle("client.mrn-1");
  CHECK(key.form == Handle::Form::key);
  CHECK(key.value == "mrn-1");
  CHECK(engine::parse_handle("staff.dr.a@clinic.example").value == "dr.a@clinic.example");
  // A typed derived key is a key, not a location.
  CHECK(engine::parse_handle("client.rid:MSN-8888").form == Handle::Form::key);
  CHECK(engine::parse_handle("rid:MSN-8888").form == Handle::Form::key);
  CHECK(engine::parse_handle("roster/x.yaml:0").form == Handle::Form::key);
}

TEST_CASE("handle: names matches by key, id or place, and respects the kind") {
  Address a{Kind::client, "mrn-1", false, "2001", {"roster/clients.yaml", 3, 5}};
  for (const char* text : {"client.mrn-1", "mrn-1", "client.id:2001", "id:2001",
                           "roster/clients.yaml:3", "roster/clients.yaml:3:5"}) {
    CAPTURE(text);
    CHECK(engine::names(engine::parse_handle(text), a));
  }
  for (const char* text : {"staff.mrn-1", "staff.id:2001", "roster/clients.yaml:4", "client.id:2"}) {
    CAPTURE(text);
    CHECK_FALSE(engine::names(engine::parse_handle(text), a));
  }
}

TEST_CASE("handle: -target takes the Healthie id and the roster location the plan shows") {
  PlanWorld w;
  w.client("rid:MSN-8888", k_ann);  // line 1: a key derived from PHI
  auto other = k_ann;
  other[0].second = "bo@example.com";
  other[3].second = "MSN-9999";
  w.client("mrn-2", other);         // line 2
  w.remote_client("100023", k_ann);
  for (const char* target : {"client.id:100023", "roster/clients.yaml:1"}) {
    CAPTURE(target);
    engine::PlanOptions o;
    o.targets = {target};
    auto out = w.plan(o);
    CHECK_FALSE(out.diagnostics.has_errors());
    REQUIRE(out.plan.changes.size() == 1);
    CHECK(engine::label(out.plan.changes[0].address) == "client.id:100023");
  }
  engine::PlanOptions o;
  o.targets = {"roster/clients.yaml:2"};
  auto out = w.plan(o);
  REQUIRE(out.plan.changes.size() == 1);
  CHECK(out.plan.changes[0].address.key == "mrn-2");
}

TEST_CASE("handle: a -target that names nothing is repeated, unless it is a derived key") {
  PlanWorld w;
  w.client("mrn-1", k_ann);
  engine::PlanOptions o;
  o.targets = {"client.rid:MSN-4242"};
  auto out = w.plan(o);
  REQUIRE(out.diagnostics.items().size() == 1);
  CHECK(out.diagnostics.items()[0].message ==
        "-target (a key derived from a client's details, not shown): no roster entry or state "
        "entry has this handle; handles look like staff.<email>, client.<key>, "
        "client.id:<Healthie id> or <roster file>:<line>");
  CHECK(engine::echo_handle("client.id:5") == "client.id:5");
  CHECK(engine::echo_handle("staff.dr.a@clinic.example") == "staff.dr.a@clinic.example");
}

TEST_CASE("handle: a suggested `state rm` names a derived-key client by its Healthie id") {
  PlanWorld w;
  w.client("rid:MSN-8888", k_ann);
  w.manage(Kind::client, "h:0123456789abcdef0123456789abcdef", "100023");
  // The state keeps the derived key in hidden form; the fake hasher's
  // hidden_key must find it, so record it under that form.
  w.prior.records.back().key = w.hasher.hidden_key("rid:MSN-8888");
  auto out = w.plan();
  REQUIRE(out.diagnostics.items().size() == 1);
  CHECK(out.diagnostics.items()[0].message ==
        "client entry: the state records it as Healthie user 100023, which Healthie no longer "
        "returns; if the user was moved out of this organization, run `rosterform state rm "
        "client.id:100023` to plan it afresh");
}
