#include "providers/healthie/mutation_runner.hpp"

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <thread>

#include "providers/healthie/call_errors.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;
using std::chrono::milliseconds;

std::string scrub(std::string text, const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    if (v.size() < 3)
      continue;
    for (auto at = text.find(v); at != std::string::npos; at = text.find(v, at))
      text.replace(at, v.size(), "[value]");
  }
  return text;
}

void merge(engine::RemoteUser& into, const engine::RemoteUser& from) {
  into.kind = from.kind;
  if (!from.user_id.empty())
    into.user_id = from.user_id;
  if (!from.updated_at.empty())
    into.updated_at = from.updated_at;
  if (!from.membership_id.empty())
    into.membership_id = from.membership_id;
  into.fields.update(from.fields);  // `active` and `is_admin` are fields too
}

// The state of one mutation while its calls are in flight.
struct Task {
  PlannedMutation plan;
  engine::Result<engine::RemoteUser> result = engine::RemoteUser{};
  std::optional<MutationCall> call;
  std::string unknown;  // why the current call's outcome is unknown
  std::size_t step = 0;  // index into plan.steps of the current call
  int looks = 0;  // look-ups made for the current call
  bool finished = false;
  std::optional<std::size_t> unreported;  // a finished step not yet told to the observer
  std::vector<engine::FieldId> carried;   // fields the finished steps wrote
};

class Runner {
 public:
  Runner(Executor& exec, const ProviderConfig& config, std::vector<PlannedMutation> planned,
         engine::StepObserver& steps)
      : m_exec(exec),
        m_steps(steps),
        m_delays{config.settle_delay, config.settle_recheck_delay},
        m_now(config.settle_now),
        m_sleep(config.settle_sleep) {
    if (!m_now)
      m_now = [] { return std::chrono::steady_clock::now(); };
    if (!m_sleep)
      m_sleep = [](milliseconds d) { std::this_thread::sleep_for(d); };
    for (auto& p : planned) {
      auto task = std::make_unique<Task>();
      task->step = p.first_step;
      task->result = p.start;
      task->plan = std::move(p);
      m_tasks.push_back(std::move(task));
    }
  }

  // Look-ups wait outside the executor: it drains what is in flight, then
  // the runner sleeps until the next look-up is due and runs it.
  std::vector<engine::Result<engine::RemoteUser>> run() {
    for (auto& t : m_tasks)
      advance(*t);
    auto status = m_exec.run();
    while (status && !m_due.empty()) {
      auto wait = std::chrono::ceil<milliseconds>(m_due.begin()->first - m_now());
      if (wait > milliseconds(0))
        m_sleep(wait);
      start_due_lookups();
      status = m_exec.run();
    }
    std::vector<engine::Result<engine::RemoteUser>> out;
    for (auto& t : m_tasks) {
      if (!t->finished && status)
        finish(*t, engine::Error(t->plan.label + ": did not complete"));
      if (!t->finished)
        finish(*t, status.error());
      out.push_back(std::move(t->result));
    }
    return out;
  }

 private:
  void finish(Task& t, engine::Error e) {
    t.result = tl::unexpected(std::move(e));
    t.finished = true;
  }

  // Starts the first step from t.step on that has a call to send, once the
  // step before it is told to the observer.
  void advance(Task& t) {
    for (; t.step < t.plan.steps.size(); ++t.step) {
      auto next = t.plan.steps[t.step].build(*t.result);
      if (!next)
        return finish(t, next.error());
      if (!*next)
        continue;
      if (auto told = report(t); !told)
        return finish(t, engine::Error(t.plan.label + ": " + told.error().message));
      return send(t, std::move(**next));
    }
    t.finished = true;
  }

  engine::Status report(Task& t) {
    if (!t.unreported)
      return {};
    engine::StepReport step;
    step.done = t.step;
    step.name = t.plan.steps[*t.unreported].name;
    step.next = t.plan.steps[t.step].name;
    step.so_far = &*t.result;
    step.carried = t.carried;
    t.unreported.reset();
    return m_steps.on_step(t.plan.batch_index, step);
  }

  void send(Task& t, MutationCall call) {
    t.call = std::move(call);
    t.looks = 0;
    m_exec.enqueue(t.call->doc, t.call->variables, [this, &t](Classified c) { on_answer(t, c); });
  }

  // The mutation, and the step when its chain has several.
  static std::string who(const Task& t) {
    if (t.plan.steps.size() < 2)
      return t.plan.label;
    return t.plan.label + " (" + t.plan.steps[t.step].name + ")";
  }

  void on_answer(Task& t, const Classified& c) {
    const MutationCall& call = *t.call;
    if (c.kind == ResponseKind::ok) {
      element payload;
      element record;
      engine::RemoteUser user;
      if (!data_field(*c.json, call.doc.root_field, payload) ||
          payload[call.result_key].get(record) != simdjson::SUCCESS || !call.decode(record, user))
        return finish(t, engine::Error(who(t) + ": " + call.doc.root_field +
                                       " answered without the record"));
      return succeed(t, user);
    }
    if (c.kind == ResponseKind::validation)
      return finish(t, engine::Error(rejected(t, c)));
    if (outcome_unknown(c)) {
      t.unknown = scrub(unknown_reason(c), t.plan.phi_values);
      return look_later(t);
    }
    finish(t, engine::Error(scrub(call_failure(who(t) + ": " + call.doc.root_field, c),
                                  t.plan.phi_values)));
  }

  void succeed(Task& t, const engine::RemoteUser& user) {
    merge(*t.result, user);
    const ChainStep& done = t.plan.steps[t.step];
    t.carried.insert(t.carried.end(), done.carried.begin(), done.carried.end());
    t.unreported = t.step;
    ++t.step;
    advance(t);
  }

  std::string rejected(const Task& t, const Classified& c) const {
    std::string out = who(t) + ": Healthie rejected " + t.call->doc.root_field + ":";
    for (const FieldMessage& m : c.messages) {
      std::string field = m.field.empty() ? "base" : m.field;
      out += " field '" + field + "': " + scrub(m.message, t.plan.phi_values) + ";";
    }
    out.pop_back();
    return out;
  }

  void look_later(Task& t) {
    m_due.emplace(m_now() + m_delays[static_cast<std::size_t>(t.looks)], &t);
  }

  // Every look-up that is due, and at least the earliest (so a clock that
  // lags the sleep cannot stall the run).
  void start_due_lookups() {
    auto now = m_now();
    do {
      Task* t = m_due.begin()->second;
      m_due.erase(m_due.begin());
      look_up(*t);
    } while (!m_due.empty() && m_due.begin()->first <= now);
  }

  void look_up(Task& t) {
    ++t.looks;
    t.call->settle(m_exec, [this, &t](LookupResult found) { on_looked(t, std::move(found)); });
  }

  void on_looked(Task& t, LookupResult found) {
    const std::string what = who(t) + ": the outcome of " + t.call->doc.root_field;
    if (!found) {
      return finish(t, engine::Error(what + " is unknown and the look-up to settle it failed (" +
                                     found.error().message +
                                     "); nothing was repeated; run plan again to see the state"));
    }
    if (*found)
      return succeed(t, **found);
    if (t.looks < k_settle_looks)
      return look_later(t);
    finish(t, engine::Error(what + " is unknown (" + t.unknown +
                            ") and Healthie does not show the change, even on a second look; "
                            "it was not sent again, so it cannot have been made twice; run "
                            "plan again to see whether Healthie applied it"));
  }

  Executor& m_exec;
  engine::StepObserver& m_steps;
  std::array<milliseconds, k_settle_looks> m_delays;
  std::function<std::chrono::steady_clock::time_point()> m_now;
  std::function<void(milliseconds)> m_sleep;
  std::vector<std::unique_ptr<Task>> m_tasks;
  std::multimap<std::chrono::steady_clock::time_point, Task*> m_due;  // look-ups waiting
};

}  // namespace

Lookup single_lookup(
    Document doc, std::string variables,
    std::function<std::optional<engine::RemoteUser>(const JsonDocument&)> applied) {
  return [doc = std::move(doc), variables = std::move(variables), applied = std::move(applied)](
             Executor& exec, LookupDone done) {
    exec.enqueue(doc, variables, [applied, done = std::move(done)](Classified c) {
      if (c.kind != ResponseKind::ok)
        return done(engine::fail(std::string(to_string(c.kind))));
      done(applied(*c.json));
    });
  };
}

std::vector<engine::Result<engine::RemoteUser>> run_mutations(
    Executor& exec, const ProviderConfig& config, std::vector<PlannedMutation> planned,
    engine::StepObserver& steps) {
  return Runner(exec, config, std::move(planned), steps).run();
}

}  // namespace rosterform::healthie
