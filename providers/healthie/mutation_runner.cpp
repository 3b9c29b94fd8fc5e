#include "providers/healthie/mutation_runner.hpp"

#include <memory>

#include "providers/healthie/call_errors.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

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
  into.active = from.active;
  if (!from.membership_id.empty()) {
    into.membership_id = from.membership_id;
    into.is_admin = from.is_admin;
  }
  for (const auto& [id, value] : from.fields.fields())
    into.fields.set(id, value);
}

// The state of one mutation while its calls are in flight.
struct Task {
  PlannedMutation plan;
  engine::Result<engine::RemoteUser> result = engine::RemoteUser{};
  std::optional<MutationCall> call;
  int step = 0;
  int sends = 0;
  bool finished = false;
};

class Runner {
 public:
  Runner(Executor& exec, std::vector<PlannedMutation> planned) : m_exec(exec) {
    for (auto& p : planned) {
      auto task = std::make_unique<Task>();
      task->plan = std::move(p);
      m_tasks.push_back(std::move(task));
    }
  }

  std::vector<engine::Result<engine::RemoteUser>> run() {
    for (auto& t : m_tasks)
      advance(*t);
    auto status = m_exec.run();
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

  void advance(Task& t) {
    auto next = t.plan.next(*t.result, t.step);
    if (!next)
      return finish(t, next.error());
    if (!*next) {
      t.finished = true;
      return;
    }
    t.call = std::move(**next);
    t.sends = 0;
    send(t);
  }

  void send(Task& t) {
    ++t.sends;
    m_exec.enqueue(t.call->doc, t.call->variables, [this, &t](Classified c) { on_answer(t, c); });
  }

  void on_answer(Task& t, const Classified& c) {
    const MutationCall& call = *t.call;
    if (c.kind == ResponseKind::ok) {
      element payload;
      element record;
      engine::RemoteUser user;
      if (!data_field(*c.json, call.doc.root_field, payload) ||
          payload[call.result_key].get(record) != simdjson::SUCCESS || !call.decode(record, user))
        return finish(t, engine::Error(t.plan.label + ": " + call.doc.root_field +
                                       " answered without the record"));
      return succeed(t, user);
    }
    if (c.kind == ResponseKind::validation)
      return finish(t, engine::Error(rejected(t, c)));
    if (outcome_unknown(c))
      return look_up(t);
    finish(t, engine::Error(scrub(call_failure(t.plan.label + ": " + call.doc.root_field, c),
                                  t.plan.phi_values)));
  }

  void succeed(Task& t, const engine::RemoteUser& user) {
    merge(*t.result, user);
    ++t.step;
    advance(t);
  }

  std::string rejected(const Task& t, const Classified& c) const {
    std::string out = t.plan.label + ": Healthie rejected " + t.call->doc.root_field + ":";
    for (const FieldMessage& m : c.messages) {
      std::string field = m.field.empty() ? "base" : m.field;
      out += " field '" + field + "': " + scrub(m.message, t.plan.phi_values) + ";";
    }
    out.pop_back();
    return out;
  }

  // The first attempt may have worked: read before deciding anything.
  void look_up(Task& t) {
    const MutationCall& call = *t.call;
    m_exec.enqueue(call.lookup, call.lookup_variables, [this, &t](Classified c) {
      if (c.kind != ResponseKind::ok) {
        return finish(t, engine::Error(t.plan.label + ": the outcome of " + t.call->doc.root_field +
                                       " is unknown and the look-up to settle it failed (" +
                                       std::string(to_string(c.kind)) +
                                       "); nothing was repeated; run plan again to see the state"));
      }
      if (auto found = t.call->applied(*c.json))
        return succeed(t, *found);
      if (t.sends >= k_max_sends) {
        return finish(t, engine::Error(t.plan.label + ": " + t.call->doc.root_field + " failed " +
                                       std::to_string(t.sends) +
                                       " times without an answer and Healthie does not show the "
                                       "change; nothing more was sent; try again later"));
      }
      send(t);  // the look-up proved the change is absent: sending again is safe
    });
  }

  Executor& m_exec;
  std::vector<std::unique_ptr<Task>> m_tasks;
};

}  // namespace

std::vector<engine::Result<engine::RemoteUser>> run_mutations(
    Executor& exec, std::vector<PlannedMutation> planned) {
  return Runner(exec, std::move(planned)).run();
}

}  // namespace rosterform::healthie
