// Executing a plan.
//
// The plan lists changes in an order that already respects dependencies
// (a staff member is created before the clients that name them; a provider's
// clients are reassigned before the provider is deactivated), and each
// change names the earlier changes it depends on. Apply runs rounds: a round
// takes up to `parallelism` changes whose dependencies have all succeeded,
// sends each as one Mutation to the provider in one batch (the provider runs
// a batch concurrently, through its throttle), and records each result.
//
// A change is one mutation, whatever number of Healthie calls it takes: the
// provider owns the call chain (a client created, then archived; a staff
// profile, then its membership) and reports each step that finished before
// it sends the next, which the observer journals. A change whose chain
// stopped part way is reported failed, and the state holds the user as the
// finished steps left it (e.g. created but still active), so the next plan
// shows what is left instead of adopting a stranger; a saved plan run again
// resumes it at the next step. Nothing is left half-applied without a word.
//
// A failure does not stop the run: independent changes go on, and every
// change that depends on a failed one, directly or through others, is
// reported as not attempted. Nothing is retried here: the provider already
// retried what was safe to retry and settled unknown outcomes by looking the
// record up.

#include "engine/apply/apply.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/apply/change_mutation.hpp"
#include "engine/plan/handle.hpp"

namespace rosterform::engine {

namespace {

enum class Phase : std::uint8_t { waiting, running, done };

struct Slot {
  Phase phase = Phase::waiting;
  std::optional<Mutation> mutation;  // nullopt: nothing to send (adopt, forget)
  RemoteUser so_far;                 // as the steps finished so far left the user
  std::vector<std::string> steps_done;  // their names, for messages
  bool unrecorded = false;  // the observer could not record the last of them
};

class Run;

// Passes the provider's step reports to the observer as changes.
class StepRelay final : public StepObserver {
 public:
  StepRelay(Run& run, const std::vector<std::size_t>& sent) : m_run(run), m_sent(sent) {}
  Status on_step(std::size_t batch_index, const StepReport& step) override;

 private:
  Run& m_run;
  const std::vector<std::size_t>& m_sent;
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
      m_slots[i].mutation = mutation_for(plan.changes[i], schema_of(plan.changes[i]));
      if (i < options.already_applied.size() && options.already_applied[i]) {
        m_slots[i].phase = Phase::done;
        m_report.results[i].outcome = Outcome::already_applied;
      } else if (i < options.resume.size()) {
        resume(m_slots[i], options.resume[i]);
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

  Status step_finished(std::size_t i, const StepReport& step) {
    Slot& slot = m_slots[i];
    if (step.so_far != nullptr) {
      slot.so_far = *step.so_far;
    }
    slot.steps_done.emplace_back(step.name);
    Status recorded = m_observer.on_step(i, m_plan.changes[i], step);
    if (!recorded) {
      m_report.halted = true;
      slot.unrecorded = true;
    }
    return recorded;
  }

 private:
  // A change an earlier run carried out in part goes on from the next step,
  // on the user that run made or changed.
  static void resume(Slot& slot, const ResumePoint& point) {
    if (!slot.mutation || point.steps_done == 0) {
      return;
    }
    Mutation& m = *slot.mutation;
    m.first_step = point.steps_done;
    if (!point.user_id.empty()) {
      m.user_id = point.user_id;
    }
    if (!point.membership_id.empty()) {
      m.membership_id = point.membership_id;
    }
  }

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

  // Ready changes in plan order, up to the parallelism.
  std::vector<std::size_t> pick_round() {
    std::size_t limit = std::max<std::size_t>(1, m_options.parallelism);
    std::vector<std::size_t> round;
    for (std::size_t i = 0; i < m_slots.size() && round.size() < limit; ++i) {
      if (m_slots[i].phase == Phase::waiting && ready(i)) {
        round.push_back(i);
      }
    }
    return round;
  }

  void run_round(const std::vector<std::size_t>& round) {
    std::vector<Mutation> batch;
    std::vector<std::size_t> sent;
    for (std::size_t i : round) {
      if (auto started = m_observer.on_start(i, m_plan.changes[i]); !started) {
        m_report.halted = true;
        m_slots[i].phase = Phase::done;
        m_report.results[i].error = started.error().message;
        continue;
      }
      m_slots[i].phase = Phase::running;
      if (!m_slots[i].mutation) {
        finish_success(i, RemoteUser{});  // nothing to send: adopt or forget
        continue;
      }
      batch.push_back(*m_slots[i].mutation);
      sent.push_back(i);
    }
    if (batch.empty()) {
      return;
    }
    StepRelay relay(*this, sent);
    std::vector<Result<RemoteUser>> results = m_provider.apply(batch, relay);
    for (std::size_t k = 0; k < sent.size(); ++k) {
      record(sent[k], k < results.size() ? std::move(results[k])
                                         : Result<RemoteUser>(fail("the provider returned no result")));
    }
  }

  void record(std::size_t i, Result<RemoteUser> result) {
    if (result) {
      finish_success(i, std::move(*result));
      return;
    }
    Slot& slot = m_slots[i];
    ChangeResult& out = m_report.results[i];
    slot.phase = Phase::done;
    out.outcome = Outcome::failed;
    out.error = result.error().message;
    if (!slot.steps_done.empty()) {
      // Healthie holds what the finished steps made, and the state was told
      // (on_step) unless that is what failed: say so, and what is left.
      out.after = slot.so_far;
      out.error += fmt::format("; {} had finished, so Healthie holds user {} as {} left it",
                               fmt::join(slot.steps_done, " and "), slot.so_far.user_id,
                               slot.steps_done.size() == 1 ? "that" : "they");
      out.error += slot.unrecorded ? ", but the state could not record it; run plan again: it "
                                     "finds the user by identity"
                                   : ", and the state records it so; run plan again for the rest";
    }
    m_observer.on_failure(m_plan.changes[i], out.error);
  }

  void finish_success(std::size_t i, RemoteUser after) {
    Slot& slot = m_slots[i];
    const Change& change = m_plan.changes[i];
    if (!slot.mutation) {
      // No mutation: the record is the one the plan saw.
      after.kind = change.address.kind;
      after.user_id = change.address.user_id;
      after.membership_id = change.membership_id;
    }
    slot.phase = Phase::done;
    m_report.results[i].outcome = Outcome::succeeded;
    m_report.results[i].after = after;
    if (auto recorded = m_observer.on_success(i, change, after); !recorded) {
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

Status StepRelay::on_step(std::size_t batch_index, const StepReport& step) {
  if (batch_index >= m_sent.size()) {
    return fail("the provider reported a step of a mutation it was not given");
  }
  return m_run.step_finished(m_sent[batch_index], step);
}

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
