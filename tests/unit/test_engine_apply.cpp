#include <doctest/doctest.h>

#include <map>
#include <set>

#include "engine/apply/apply.hpp"
#include "engine/apply/change_mutation.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;
using namespace rosterform::engine;

namespace {

// Records every batch; fails the mutations whose key is in `failing`. A
// client created with `active: false` is a chain of two steps here, as the
// Healthie provider makes it, so apply's handling of chains is tested
// without the provider: `failing_steps` fails the named step.
class ScriptedProvider final : public Provider {
 public:
  std::set<std::string> failing;
  std::set<std::string> failing_steps;
  std::vector<std::vector<Mutation>> batches;
  int next_id = 100;

  Result<Caller> preflight() override { return Caller{}; }
  Result<CurrentState> read_current_state() override { return CurrentState{}; }
  Result<std::optional<RemoteUser>> find_by_identity(Kind, const Record&) override {
    return std::optional<RemoteUser>();
  }
  std::vector<Result<RemoteUser>> apply(std::span<const Mutation> batch,
                                        StepObserver& steps) override {
    batches.emplace_back(batch.begin(), batch.end());
    std::vector<Result<RemoteUser>> out;
    for (std::size_t k = 0; k < batch.size(); ++k) {
      out.push_back(run(k, batch[k], steps));
    }
    return out;
  }

 private:
  static std::vector<std::string> chain(const Mutation& m) {
    auto active = healthie::client_schema().id_of("active");
    bool archived = m.kind == Kind::client && m.fields.get(*active) == "false";
    if (m.op == MutationKind::create && archived) {
      return {"create client", "archive client"};
    }
    return {std::string(to_string(m.op))};
  }

  Result<RemoteUser> run(std::size_t k, const Mutation& m, StepObserver& steps) {
    if (failing.count(m.key) != 0) {
      return fail(m.key + ": email: Email is invalid");
    }
    std::vector<std::string> names = chain(m);
    RemoteUser u;
    u.user_id = m.user_id;
    for (std::size_t s = m.first_step; s < names.size(); ++s) {
      if (failing_steps.count(names[s]) != 0) {
        return fail(m.key + " (" + names[s] + "): email: Email is invalid");
      }
      if (u.user_id.empty()) {
        u.user_id = std::to_string(next_id++);
      }
      u.membership_id = m.membership_id.empty() ? "m" + u.user_id : m.membership_id;
      if (s + 1 < names.size()) {
        StepReport report;
        report.done = s + 1;
        report.name = names[s];
        report.next = names[s + 1];
        report.so_far = &u;
        if (auto told = steps.on_step(k, report); !told) {
          return fail(m.key + ": " + told.error().message);
        }
      }
    }
    return u;
  }
};

class Recorder final : public ApplyObserver {
 public:
  std::vector<std::string> succeeded;
  std::vector<std::string> failed;
  std::vector<Change> recorded;  // what on_success was given
  std::vector<std::string> steps;  // "<index> <name> -> <next> as <user id>"
  bool fail_recording = false;
  Status on_step(std::size_t index, const Change&, const StepReport& step) override {
    if (fail_recording) {
      return fail("cannot append to journal: No space left on device");
    }
    steps.push_back(std::to_string(index) + " " + std::string(step.name) + " -> " +
                    std::string(step.next) + " as " + step.so_far->user_id);
    return {};
  }
  Status on_success(std::size_t, const Change& c, const RemoteUser&) override {
    if (fail_recording) {
      return fail("cannot append to journal: No space left on device");
    }
    succeeded.push_back(c.address.to_string());
    recorded.push_back(c);
    return {};
  }
  void on_failure(const Change& c, const std::string&) override {
    failed.push_back(c.address.to_string());
  }
};

const ResourceSchema& staff() { return healthie::staff_schema(); }
const ResourceSchema& clients() { return healthie::client_schema(); }

FieldChange field(const ResourceSchema& s, std::string_view name, std::optional<std::string> before,
                  std::optional<std::string> after) {
  FieldChange f;
  f.field = *s.id_of(name);
  f.before = std::move(before);
  f.after = std::move(after);
  f.changed = f.before != f.after;
  return f;
}

Change change(Action action, Kind kind, std::string key, std::string user_id = "") {
  Change c;
  c.action = action;
  c.address.kind = kind;
  c.address.key = std::move(key);
  c.address.user_id = std::move(user_id);
  return c;
}

}  // namespace

TEST_CASE("a staff update is one mutation of the changed fields; the provider splits it") {
  Change c = change(Action::update, Kind::staff, "jones@clinic.example", "7");
  c.membership_id = "m7";
  c.fields.push_back(field(staff(), "first_name", "Alex", "Alexandra"));
  c.fields.push_back(field(staff(), "org_role", "Standard", "Support"));
  c.fields.push_back(field(staff(), "last_name", "Jones", "Jones"));
  auto m = mutation_for(c, staff());
  REQUIRE(m);
  CHECK(m->kind == Kind::staff);
  CHECK(m->op == MutationKind::update);
  CHECK(m->fields.size() == 2);
  CHECK(m->membership_id == "m7");
}

TEST_CASE("a create sends every field and asks for the email the plan shows") {
  Change c = change(Action::create, Kind::client, "mrn-1");
  c.fields.push_back(field(clients(), "email", std::nullopt, "a@example.com"));
  c.fields.push_back(field(clients(), "first_name", std::nullopt, "Ann"));
  c.side_effects.push_back({SideEffectKind::welcome_email, 1, ""});
  auto m = mutation_for(c, clients());
  REQUIRE(m);
  CHECK(m->op == MutationKind::create);
  CHECK(m->fields.size() == 2);
  CHECK(m->notify);
}

TEST_CASE("deactivating a provider carries the reassignment") {
  Change c = change(Action::deactivate, Kind::staff, "old@clinic.example", "9");
  c.membership_id = "m9";
  c.reassign_clients_to = "new@clinic.example";
  auto m = mutation_for(c, staff());
  REQUIRE(m);
  CHECK(m->op == MutationKind::update);
  CHECK(*m->fields.get(*staff().id_of("active")) == "false");
  CHECK(m->receiver == "new@clinic.example");
}

TEST_CASE("an adoption that revives the user asks for active and the edits in one mutation") {
  Change c = change(Action::adopt, Kind::client, "mrn-1", "101");
  c.fields.push_back(field(clients(), "active", "false", "true"));
  c.fields.push_back(field(clients(), "first_name", "An", "Ann"));
  auto m = mutation_for(c, clients());
  REQUIRE(m);
  CHECK(*m->fields.get(*clients().id_of("active")) == "true");
  CHECK(m->fields.size() == 2);
}

TEST_CASE("a reactivation says active whether or not the roster names it") {
  Change c = change(Action::reactivate, Kind::client, "mrn-1", "101");
  auto m = mutation_for(c, clients());
  REQUIRE(m);
  CHECK(*m->fields.get(*clients().id_of("active")) == "true");
}

TEST_CASE("a failed change skips its dependents; independent changes go on") {
  Plan plan;
  plan.changes.push_back(change(Action::create, Kind::staff, "new@clinic.example"));
  plan.changes.push_back(change(Action::create, Kind::client, "mrn-1"));
  plan.changes[1].depends_on = {0};
  plan.changes.push_back(change(Action::create, Kind::client, "mrn-2"));
  plan.changes.push_back(change(Action::deactivate, Kind::client, "mrn-3", "55"));
  plan.changes[3].depends_on = {1};
  ScriptedProvider provider;
  provider.failing = {"staff.new@clinic.example"};
  Recorder recorder;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, {});
  CHECK(report.results[0].outcome == Outcome::failed);
  CHECK(report.results[0].error == "staff.new@clinic.example: email: Email is invalid");
  CHECK(report.results[1].outcome == Outcome::not_attempted);
  CHECK(report.results[1].error ==
        "skipped: it depends on staff.new@clinic.example, which did not succeed");
  CHECK(report.results[2].outcome == Outcome::succeeded);
  CHECK(report.results[3].outcome == Outcome::not_attempted);
  CHECK(report.results[3].error == "skipped: it depends on client.mrn-1, which did not succeed");
  CHECK(recorder.succeeded == std::vector<std::string>{"client.mrn-2"});
  CHECK(recorder.failed == std::vector<std::string>{"staff.new@clinic.example"});
}

TEST_CASE("dependents wait for their dependency's round; parallelism bounds a batch") {
  Plan plan;
  plan.changes.push_back(change(Action::create, Kind::staff, "new@clinic.example"));
  for (int i = 0; i < 5; ++i) {
    plan.changes.push_back(change(Action::create, Kind::client, "c" + std::to_string(i)));
    plan.changes.back().depends_on = {0};
  }
  ScriptedProvider provider;
  Recorder recorder;
  ApplyOptions options;
  options.parallelism = 3;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, options);
  CHECK(report.ok());
  REQUIRE(provider.batches.size() == 3);
  CHECK(provider.batches[0].size() == 1);
  CHECK(provider.batches[1].size() == 3);
  CHECK(provider.batches[2].size() == 2);
}

TEST_CASE("an interrupt stops new requests and reports the rest as not attempted") {
  Plan plan;
  plan.changes.push_back(change(Action::create, Kind::client, "a"));
  plan.changes.push_back(change(Action::create, Kind::client, "b"));
  ScriptedProvider provider;
  Recorder recorder;
  std::atomic<bool> stop{true};
  ApplyOptions options;
  options.interrupt = &stop;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, options);
  CHECK(report.interrupted);
  CHECK(provider.batches.empty());
  CHECK(report.count(Outcome::not_attempted) == 2);
  CHECK(report.results[0].error == "apply was interrupted before this change");
}

TEST_CASE("when a success cannot be recorded, apply halts") {
  Plan plan;
  plan.changes.push_back(change(Action::create, Kind::client, "a"));
  plan.changes.push_back(change(Action::create, Kind::client, "b"));
  ScriptedProvider provider;
  Recorder recorder;
  recorder.fail_recording = true;
  ApplyOptions options;
  options.parallelism = 1;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, options);
  CHECK(report.halted);
  CHECK(provider.batches.size() == 1);
  CHECK(report.results[1].outcome == Outcome::not_attempted);
  CHECK(report.results[1].error == "apply halted before this change");
}

TEST_CASE("an adopt with nothing to change sends nothing but succeeds") {
  Plan plan;
  plan.changes.push_back(change(Action::adopt, Kind::client, "a", "42"));
  ScriptedProvider provider;
  Recorder recorder;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, {});
  CHECK(report.ok());
  CHECK(provider.batches.empty());
  CHECK(report.results[0].after.user_id == "42");
}

namespace {

// A client the roster wants archived that Healthie does not have yet.
Change archived_create() {
  Change c = change(Action::create, Kind::client, "mrn-9");
  c.fields.push_back(field(clients(), "email", std::nullopt, "z@example.com"));
  c.fields.push_back(field(clients(), "first_name", std::nullopt, "Zoe"));
  c.fields.push_back(field(clients(), "active", std::nullopt, "false"));
  return c;
}

std::optional<std::string> active_after(const Change& c) {
  for (const FieldChange& f : c.fields) {
    if (clients().at(f.field).name == "active") {
      return f.after;
    }
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("a client created with active: false is one mutation that says so") {
  auto m = mutation_for(archived_create(), clients());
  REQUIRE(m);
  CHECK(m->op == MutationKind::create);
  CHECK(m->fields.size() == 3);
  CHECK_FALSE(m->notify);
  CHECK(m->key == "client.mrn-9");
}

TEST_CASE("created, then archived: one mutation, its step journalled, recorded once done") {
  Plan plan;
  plan.changes.push_back(archived_create());
  ScriptedProvider provider;
  Recorder recorder;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, {});
  CHECK(report.ok());
  REQUIRE(provider.batches.size() == 1);
  CHECK(recorder.steps == std::vector<std::string>{"0 create client -> archive client as 100"});
  CHECK(recorder.succeeded == std::vector<std::string>{"client.mrn-9"});
  REQUIRE(recorder.recorded.size() == 1);
  CHECK(active_after(recorder.recorded[0]) == "false");
  CHECK(report.results[0].after.user_id == "100");
}

TEST_CASE("created, but the archive failed: reported failed with what Healthie holds") {
  Plan plan;
  plan.changes.push_back(archived_create());
  plan.changes.push_back(change(Action::update, Kind::client, "mrn-10", "77"));
  plan.changes[1].depends_on = {0};
  plan.changes[1].fields.push_back(field(clients(), "first_name", "A", "B"));
  ScriptedProvider provider;
  provider.failing_steps = {"archive client"};
  Recorder recorder;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, {});
  CHECK(report.results[0].outcome == Outcome::failed);
  CHECK(report.results[0].error ==
        "client.mrn-9 (archive client): email: Email is invalid; create client had finished, so "
        "Healthie holds user 100 as that left it, and the state records it so; run plan again "
        "for the rest");
  CHECK(report.results[0].after.user_id == "100");
  // The state learned the user exists from the step, not from a success.
  CHECK(recorder.steps == std::vector<std::string>{"0 create client -> archive client as 100"});
  CHECK(recorder.recorded.empty());
  CHECK(recorder.failed == std::vector<std::string>{"client.mrn-9"});
  // A failed change stops its dependents, whatever was recorded.
  CHECK(report.results[1].outcome == Outcome::not_attempted);
}

TEST_CASE("when a step cannot be recorded, the chain stops there and apply halts") {
  Plan plan;
  plan.changes.push_back(archived_create());
  plan.changes.push_back(change(Action::create, Kind::client, "b"));
  ScriptedProvider provider;
  Recorder recorder;
  recorder.fail_recording = true;
  ApplyOptions options;
  options.parallelism = 1;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, options);
  CHECK(report.halted);
  CHECK(report.results[0].outcome == Outcome::failed);
  CHECK(report.results[0].error ==
        "client.mrn-9: cannot append to journal: No space left on device; create client had "
        "finished, so Healthie holds user 100 as that left it, but the state could not record "
        "it; run plan again: it finds the user by identity");
  CHECK(report.results[1].outcome == Outcome::not_attempted);
}

TEST_CASE("a change an earlier run got part way with resumes at the next step") {
  Plan plan;
  plan.changes.push_back(archived_create());
  ScriptedProvider provider;
  Recorder recorder;
  ApplyOptions options;
  options.resume = {ResumePoint{1, "100", ""}};
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, options);
  CHECK(report.ok());
  REQUIRE(provider.batches.size() == 1);
  CHECK(provider.batches[0][0].first_step == 1);
  CHECK(provider.batches[0][0].user_id == "100");
  CHECK(recorder.steps.empty());
  CHECK(report.results[0].after.user_id == "100");
}

TEST_CASE("changes an earlier run made are not sent again and count as done") {
  Plan plan;
  plan.changes.push_back(change(Action::create, Kind::staff, "new@clinic.example"));
  plan.changes.push_back(change(Action::create, Kind::client, "mrn-1"));
  plan.changes[1].depends_on = {0};
  ScriptedProvider provider;
  Recorder recorder;
  ApplyOptions options;
  options.already_applied = {true, false};
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, options);
  CHECK(report.ok());
  CHECK(report.results[0].outcome == Outcome::already_applied);
  CHECK(report.results[1].outcome == Outcome::succeeded);
  REQUIRE(provider.batches.size() == 1);
  CHECK(provider.batches[0][0].key == "client.mrn-1");
  CHECK(recorder.succeeded == std::vector<std::string>{"client.mrn-1"});
}

TEST_CASE("a mutation is named by the change's label, never by a key derived from PHI") {
  Change fresh = change(Action::create, Kind::client, "email:ann@example.com/ann/lee");
  fresh.address.key_is_phi = true;
  fresh.address.location = {"roster/clients.yaml", 69, 5};
  fresh.fields.push_back(field(clients(), "email", std::nullopt, "ann@example.com"));
  CHECK(mutation_for(fresh, clients())->key == "client at roster/clients.yaml:69");
  Change known = change(Action::deactivate, Kind::client, "rid:MSN-8888", "100023");
  known.address.key_is_phi = true;
  CHECK(mutation_for(known, clients())->key == "client.id:100023");
}

TEST_CASE("a change skipped after a failure names what failed by its label") {
  Plan plan;
  Change fresh = change(Action::create, Kind::client, "rid:MSN-8888");
  fresh.address.key_is_phi = true;
  fresh.address.location = {"roster/clients.yaml", 69, 5};
  fresh.fields.push_back(field(clients(), "email", std::nullopt, "ann@example.com"));
  plan.changes.push_back(fresh);
  Change later = change(Action::update, Kind::client, "mrn-2", "5");
  later.fields.push_back(field(clients(), "first_name", "Bo", "Bob"));
  later.depends_on = {0};
  plan.changes.push_back(later);
  ScriptedProvider provider;
  provider.failing = {"client at roster/clients.yaml:69"};
  Recorder recorder;
  ApplyReport report = apply_plan(plan, provider, staff(), clients(), recorder, {});
  CHECK(report.results[1].error ==
        "skipped: it depends on client at roster/clients.yaml:69, which did not succeed");
}
