// Executing a plan.
//
// The plan lists changes in an order that already respects dependencies
// (a staff member is created before the clients that name them; a provider's
// clients are reassigned before the provider is deactivated), and each
// change names the earlier changes it depends on. Apply runs rounds: a round
// takes up to `parallelism` changes whose dependencies have all succeeded,
// sends the next mutation of each to the provider as one batch (the provider
// runs a batch concurrently, through its throttle), and records each result.
// A change made of two mutations (a staff profile and membership edit, a
// client created and then archived) takes two rounds, the second only after
// the first succeeded. It is recorded in the state once both succeeded. When
// the second step of a create fails, the user exists in Healthie all the
// same: the change is reported failed, and the state records the user as
// Healthie holds it (e.g. active), so the next plan shows what is left (the
// archive, with its guard rails) instead of adopting a stranger. Nothing is
// left half-applied without a word.
//
// A failure does not stop the run: independent changes go on, and every
// change that depends on a failed one, directly or through others, is
// reported as not attempted. Nothing is retried here: the provider already
// retried what was safe to retry and settled unknown outcomes by looking the
// record up.

#include "engine/apply/apply.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "engine/apply/change_mutations.hpp"
#include "engine/plan/handle.hpp"

namespace rosterform::engine {

namespace {

enum class Phase : std::uint8_t { waiting, running, done };

struct Slot {
  Phase phase = Phase::waiting;
  std::vector<Mutation> steps;
  std::size_t next = 0;
  RemoteUser after;
};

class Run {
 public:
  Run(const Plan& plan, Provider& provider, const ResourceSchema& staff,
      const ResourceSchema& clients, ApplyObserver& observer, const ApplyOptions& options)
      : m_plan(plan),
        m_provider(provider),
        m_staff(staff),
        m_clients(clients),
        m_observer(observer),
        m_options(options) {
    m_report.results.resize(plan.changes.size());
    m_slots.resize(plan.changes.size());
    for (std::size_t i = 0; i < plan.changes.size(); ++i) {
      m_slots[i].steps = mutations_for(plan.changes[i], schema_of(plan.changes[i]));
      if (i < options.already_applied.size() && options.already_applied[i]) {
        m_slots[i].phase = Phase::done;
        m_report.results[i].outcome = Outcome::already_applied;
      }
    }
  }

  ApplyReport execute() {
    while (true) {
      skip_blocked();
      if (interrupted() || m_report.halted) {
        break;
      }
      std::vector<std::size_t> round = pick_round();
      if (round.empty()) {
        break;
      }
      run_round(round);
    }
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
      if (m_slots[i].phase != Phase::done && m_report.results[i].error.empty()) {
        m_report.results[i].error = m_report.halted ? "apply halted before this change"
                                                    : "apply was interrupted before this change";
      }
    }
    return std::move(m_report);
  }

 private:
  const ResourceSchema& schema_of(const Change& c) const {
    return c.address.kind == Kind::staff ? m_staff : m_clients;
  }

  bool interrupted() {
    if (m_options.interrupt != nullptr && m_options.interrupt->load()) {
      m_report.interrupted = true;
    }
    return m_report.interrupted;
  }

  bool done_ok(std::size_t i) const {
    Outcome o = m_report.results[i].outcome;
    return m_slots[i].phase == Phase::done &&
           (o == Outcome::succeeded || o == Outcome::already_applied);
  }

  // A change whose dependency failed or was skipped can never run.
  void skip_blocked() {
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
      if (m_slots[i].phase != Phase::waiting) {
        continue;
      }
      for (std::size_t dep : m_plan.changes[i].depends_on) {
        if (m_slots[dep].phase == Phase::done && !done_ok(dep)) {
          m_slots[i].phase = Phase::done;
          m_report.results[i].error =
              fmt::format("skipped: it depends on {}, which did not succeed",
                          label(m_plan.changes[dep].address));
          break;
        }
      }
    }
  }

  bool ready(std::size_t i) const {
    const auto& deps = m_plan.changes[i].depends_on;
    return std::all_of(deps.begin(), deps.end(), [this](std::size_t d) { return done_ok(d); });
  }

  // Changes already running go first, so a started change finishes before
  // new ones begin; then ready ones in plan order, up to the parallelism.
  std::vector<std::size_t> pick_round() {
    std::size_t limit = std::max<std::size_t>(1, m_options.parallelism);
    std::vector<std::size_t> round;
    for (Phase wanted : {Phase::running, Phase::waiting}) {
      for (std::size_t i = 0; i < m_slots.size() && round.size() < limit; ++i) {
        if (m_slots[i].phase == wanted && (wanted == Phase::running || ready(i))) {
          round.push_back(i);
        }
      }
    }
    return round;
  }

  void run_round(const std::vector<std::size_t>& round) {
    std::vector<Mutation> batch;
    std::vector<std::size_t> sent;
    for (std::size_t i : round) {
      Slot& slot = m_slots[i];
      if (slot.phase == Phase::waiting) {
        if (auto started = m_observer.on_start(i, m_plan.changes[i]); !started) {
          m_report.halted = true;
          m_report.results[i].error = started.error().message;
          continue;
        }
        slot.phase = Phase::running;
      }
      if (slot.next == slot.steps.size()) {
        finish_success(i);  // nothing to send: adopt or forget
        continue;
      }
      batch.push_back(slot.steps[slot.next]);
      sent.push_back(i);
    }
    if (batch.empty()) {
      return;
    }
    std::vector<Result<RemoteUser>> results = m_provider.apply(batch);
    for (std::size_t k = 0; k < sent.size(); ++k) {
      record(sent[k], k < results.size() ? std::move(results[k])
                                         : Result<RemoteUser>(fail("the provider returned no result")));
    }
  }

  void record(std::size_t i, Result<RemoteUser> result) {
    Slot& slot = m_slots[i];
    if (!result && slot.next > 0 && m_plan.changes[i].action == Action::create) {
      fail_after_create(i, result.error().message);
      return;
    }
    if (!result) {
      slot.phase = Phase::done;
      m_report.results[i].outcome = Outcome::failed;
      m_report.results[i].error = result.error().message;
      m_observer.on_failure(m_plan.changes[i], result.error().message);
      return;
    }
    slot.after = std::move(*result);
    // Later steps of the same change address the user the first one made.
    for (std::size_t s = slot.next + 1; s < slot.steps.size(); ++s) {
      if (slot.steps[s].user_id.empty()) {
        slot.steps[s].user_id = slot.after.user_id;
      }
      if (slot.steps[s].membership_id.empty()) {
        slot.steps[s].membership_id = slot.after.membership_id;
      }
    }
    if (++slot.next == slot.steps.size()) {
      finish_success(i);
    }
  }

  // A later step of a create failed: the user exists, as the first step
  // left it. Recorded so, and reported as a failure that says what is left.
  void fail_after_create(std::size_t i, const std::string& error) {
    Slot& slot = m_slots[i];
    const Change& change = m_plan.changes[i];
    ChangeResult& result = m_report.results[i];
    slot.phase = Phase::done;
    result.outcome = Outcome::failed;
    result.after = slot.after;
    bool archive = slot.steps[slot.next].kind == MutationKind::archive_client;
    result.error = fmt::format(
        "created in Healthie as user {}, but {} failed ({}); {}", slot.after.user_id,
        archive ? "archiving it" : to_string(slot.steps[slot.next].kind), error,
        archive ? "it is active in Healthie and recorded so; run plan again to archive it"
                : "it is recorded as Healthie holds it; run plan again for the rest");
    if (auto recorded = m_observer.on_success(i, as_created(change, slot.after), slot.after);
        !recorded) {
      m_report.halted = true;
      result.error += "; " + recorded.error().message;
    }
    m_observer.on_failure(change, result.error);
  }

  // The change as far as Healthie took it: `active` as the user is now.
  Change as_created(const Change& change, const RemoteUser& after) const {
    Change applied = change;
    for (FieldChange& f : applied.fields) {
      if (schema_of(change).at(f.field).name == "active") {
        f.after = after.is_active(f.field) ? "true" : "false";
        f.changed = f.before != f.after;
      }
    }
    return applied;
  }

  void finish_success(std::size_t i) {
    Slot& slot = m_slots[i];
    const Change& change = m_plan.changes[i];
    if (slot.steps.empty()) {
      // No mutation: the record is the one the plan saw.
      slot.after.kind = change.address.kind;
      slot.after.user_id = change.address.user_id;
      slot.after.membership_id = change.membership_id;
    }
    slot.phase = Phase::done;
    m_report.results[i].outcome = Outcome::succeeded;
    m_report.results[i].after = slot.after;
    if (auto recorded = m_observer.on_success(i, change, slot.after); !recorded) {
      m_report.halted = true;
      m_report.results[i].error = recorded.error().message;
    }
  }

  const Plan& m_plan;
  Provider& m_provider;
  const ResourceSchema& m_staff;
  const ResourceSchema& m_clients;
  ApplyObserver& m_observer;
  const ApplyOptions& m_options;
  std::vector<Slot> m_slots;
  ApplyReport m_report;
};

}  // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::succeeded:
      return "succeeded";
    case Outcome::failed:
      return "failed";
    case Outcome::not_attempted:
      return "not attempted";
    case Outcome::already_applied:
      return "already applied";
  }
  return "?";
}

std::size_t ApplyReport::count(Outcome outcome) const {
  return static_cast<std::size_t>(std::count_if(
      results.begin(), results.end(), [outcome](const ChangeResult& r) { return r.outcome == outcome; }));
}

ApplyReport apply_plan(const Plan& plan, Provider& provider, const ResourceSchema& staff_schema,
                       const ResourceSchema& client_schema, ApplyObserver& observer,
                       const ApplyOptions& options) {
  return Run(plan, provider, staff_schema, client_schema, observer, options).execute();
}

}  // namespace rosterform::engine
