// Ordering a plan.
//
// Apply runs changes in plan order (with bounded parallelism among changes
// whose dependencies are done), so the order must make every step valid on
// its own. Four phases, each sorted by address for a stable, reviewable
// plan:
//
//   0. staff that stay or arrive (create, adopt, reactivate, update): a
//      client can only be given a provider who exists;
//   1. clients that stay or arrive: this includes moving clients to another
//      provider, which must happen before their old provider leaves;
//   2. clients that leave (deactivate, forget);
//   3. staff that leave, last, once their clients have been moved.
//
// Apply runs ready changes side by side regardless of phase, so the edges
// that matter are explicit (Change::depends_on); they also tell apply what
// to skip when something fails. A client change that sends a provider
// depends on that member's change when the member is created, reactivated
// or renamed by this plan: Healthie knows the member by the roster's email
// only once that change is made. A departing provider depends on every
// client change that moves a client off them and on the arrival of the
// member who receives their remaining clients.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "engine/plan/diff_context.hpp"

namespace rosterform::engine {

namespace {

int phase(const Change& c) {
  bool leaving = c.action == Action::deactivate || c.action == Action::forget;
  if (c.address.kind == Kind::staff) {
    return leaving ? 3 : 0;
  }
  return leaving ? 2 : 1;
}

const std::string& sort_key(const Change& c) {
  return c.address.key.empty() ? c.address.user_id : c.address.key;
}

// Whether a client naming this member must wait for the member's change:
// until it is made, Healthie has no member under the roster's email, or
// only an inactive one.
bool must_precede_clients(const Change& staff) {
  return staff.action == Action::create || staff.action == Action::reactivate ||
         !staff.moved_from.empty();
}

void link_clients_to_staff(Plan& plan, const SchemaFields& f,
                           const std::unordered_map<std::string, std::size_t>& staff) {
  if (!f.reference) {
    return;
  }
  for (Change& c : plan.changes) {
    if (c.address.kind != Kind::client) {
      continue;
    }
    for (const FieldChange& fc : c.fields) {
      if (fc.field != *f.reference || !fc.changed || !fc.after) {
        continue;
      }
      auto it = staff.find(to_lower_ascii(*fc.after));
      if (it != staff.end() && must_precede_clients(plan.changes[it->second])) {
        c.depends_on.push_back(it->second);
      }
    }
  }
}

// Client changes that move a client off each provider, by provider email.
std::unordered_map<std::string, std::vector<std::size_t>> moves_off(const Plan& plan,
                                                                    const SchemaFields& f) {
  std::unordered_map<std::string, std::vector<std::size_t>> out;
  if (!f.reference) {
    return out;
  }
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const Change& c = plan.changes[i];
    if (c.address.kind != Kind::client) {
      continue;
    }
    for (const FieldChange& fc : c.fields) {
      if (fc.field == *f.reference && fc.changed && fc.before) {
        out[to_lower_ascii(*fc.before)].push_back(i);
      }
    }
  }
  return out;
}

void link_departures(Plan& plan, const SchemaFields& f,
                     const std::unordered_map<std::string, std::size_t>& staff) {
  auto moves = moves_off(plan, f);
  for (Change& c : plan.changes) {
    if (c.address.kind != Kind::staff || c.action != Action::deactivate) {
      continue;
    }
    if (auto it = moves.find(c.address.key); it != moves.end()) {
      c.depends_on.insert(c.depends_on.end(), it->second.begin(), it->second.end());
    }
    if (auto it = staff.find(c.reassign_clients_to); it != staff.end()) {
      Action a = plan.changes[it->second].action;
      if (a == Action::create || a == Action::reactivate || a == Action::adopt) {
        c.depends_on.push_back(it->second);
      }
    }
  }
}

}  // namespace

void link_dependencies(Plan& plan, const SchemaFields& client_fields) {
  std::unordered_map<std::string, std::size_t> staff;
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    plan.changes[i].depends_on.clear();
    const Change& c = plan.changes[i];
    if (c.address.kind == Kind::staff && !c.address.key.empty()) {
      staff.emplace(c.address.key, i);
      if (!c.moved_from.empty()) {
        staff.emplace(to_lower_ascii(c.moved_from), i);  // a client may still name the old email
      }
    }
  }
  link_clients_to_staff(plan, client_fields, staff);
  link_departures(plan, client_fields, staff);
  for (Change& c : plan.changes) {
    std::sort(c.depends_on.begin(), c.depends_on.end());
    c.depends_on.erase(std::unique(c.depends_on.begin(), c.depends_on.end()), c.depends_on.end());
  }
}

void order_changes(Plan& plan, const SchemaFields& client_fields) {
  std::stable_sort(plan.changes.begin(), plan.changes.end(), [](const Change& a, const Change& b) {
    int pa = phase(a);
    int pb = phase(b);
    if (pa != pb) {
      return pa < pb;
    }
    return sort_key(a) < sort_key(b);
  });
  link_dependencies(plan, client_fields);
}

}  // namespace rosterform::engine
