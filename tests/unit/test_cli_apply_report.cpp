// What apply prints at the end and writes to the audit log: records named
// by their label, never by a key derived from PHI; each change's user id.
#include <doctest/doctest.h>

#include "cli/apply_report.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;
using engine::Action;
using engine::Outcome;

namespace {

struct Fixture {
  engine::Plan plan;
  engine::ApplyReport report;
  engine::render::RenderOptions options{&healthie::staff_schema(), &healthie::client_schema()};

  Fixture() {
    engine::Change fresh;
    fresh.action = Action::create;
    fresh.address = {engine::Kind::client, "email:ann@mail.example/ann/lee", true, "",
                     {"roster/clients.yaml", 69, 5}};
    engine::Change known;
    known.action = Action::update;
    known.address = {engine::Kind::client, "rid:MSN-8888", true, "100023", {}};
    engine::Change made;
    made.action = Action::create;
    made.address = {engine::Kind::client, "mrn-1", false, "", {"roster/clients.yaml", 3, 5}};
    plan.changes = {fresh, known, made};
    report.results.resize(3);
    report.results[0].outcome = Outcome::failed;
    report.results[0].error =
        "client at roster/clients.yaml:69: the outcome of createClient is unknown";
    report.results[1].outcome = Outcome::not_attempted;
    report.results[1].error = "apply was interrupted before this change";
    report.results[2].outcome = Outcome::succeeded;
    report.results[2].after.user_id = "100077";
  }
};

}  // namespace

TEST_CASE("apply report: failures are named by label, the label not repeated") {
  Fixture f;
  CHECK(cli::render_apply_report(f.plan, f.report) ==
        "\nFailed:\n"
        "  + client at roster/clients.yaml:69: the outcome of createClient is unknown\n"
        "\nNot attempted:\n"
        "  ~ client.id:100023: apply was interrupted before this change\n"
        "\nApply failed 1 succeeded, 1 failed, 1 not attempted.\n");
}

TEST_CASE("apply report: the audit entry has each change's label, user id and the commit") {
  Fixture f;
  state::AuditEntry e = cli::audit_entry_for(f.plan, f.report, f.options, "hash", "abc123");
  CHECK(e.commit == "abc123");
  REQUIRE(e.changes.size() == 3);
  CHECK(e.changes[0].address == "client at roster/clients.yaml:69");
  CHECK(e.changes[0].user_id.empty());
  CHECK(e.changes[1].address == "client.id:100023");
  CHECK(e.changes[1].user_id == "100023");
  CHECK(e.changes[2].address == "client.mrn-1");
  CHECK(e.changes[2].user_id == "100077");  // the id the create was given
}
