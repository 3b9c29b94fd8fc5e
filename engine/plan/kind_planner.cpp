#include "engine/plan/kind_planner.hpp"

#include <fmt/format.h>

#include "engine/plan/change_reasons.hpp"
#include "engine/plan/fingerprint.hpp"

namespace rosterform::engine {

void KindPlanner::run() {
  if (m_kind == Kind::client) {
    m_ctx.client_active_after.resize(m_in.remote->size());
    for (std::size_t r = 0; r < m_in.remote->size(); ++r) {
      m_ctx.client_active_after[r] = (*m_in.remote)[r].is_active(m_in.fields.active) ? 1 : 0;
    }
  }
  if (!m_in.declared) {
    return;
  }
  for (std::uint32_t i = 0; i < m_in.desired->size(); ++i) {
    plan_entry(i);
  }
  plan_removed();
  plan_unclaimed();
}

void KindPlanner::plan_entry(std::uint32_t i) {
  const DesiredUser& d = (*m_in.desired)[i];
  const Match& match = m_match.desired[i];
  const RemoteUser* r = remote_at(match.remote);
  if (match.failed) {
    return;  // matching reported why; a create here would hide it behind a duplicate
  }
  const ManagedRecord* prior =
      match.prior == k_no_index ? nullptr : &m_ctx.in.prior.records[match.prior];
  CompareContext cc = compare_context(prior);
  if (r != nullptr && prior != nullptr && match.moved_from.empty() && !differs(cc, d, *r)) {
    count_no_op();
    return;
  }
  Compared c = compare(cc, d, r);
  Change change;
  if (!decide(d, match, r, prior, c, change)) {
    count_no_op();
    return;
  }
  change.address = Address{m_kind, d.key, m_kind == Kind::client && !d.explicit_key,
                           r ? r->user_id : std::string(), d.location};
  change.membership_id = r ? r->membership_id : std::string();
  change.moved_from = match.moved_from;
  change.fingerprint = fingerprint_of(r, m_ctx.in.hasher, *m_in.fields.schema);
  change.reassign_clients_to = to_lower_ascii(d.reassign_clients_to);
  change.fields = std::move(c.fields);
  record_fate(match.remote, d, change.action, c.active_after);
  if (c.drifted > 0) {
    add_drift(change);
  }
  m_ctx.plan.changes.push_back(std::move(change));
}

// Chooses the action and writes the reason; false means no-op.
bool KindPlanner::decide(const DesiredUser& d, const Match& match, const RemoteUser* r,
                         const ManagedRecord* prior, const Compared& c, Change& change) {
  std::string diffs = describe_differences(m_in.fields, c.fields);
  std::string renamed = rename_reason(m_kind, match.moved_from);
  if (r == nullptr) {
    // Healthie creates clients active, so an archived one is created, then
    // archived (apply chains the two). A deactivated staff member is not
    // worth an invitation: nothing to do.
    if (!c.active_after && m_kind == Kind::staff) {
      m_ctx.diags.warning(d.location, fmt::format("{}: inactive in the roster and not in "
                                                  "Healthie; nothing to do",
                                                  describe_entry(d)));
      return false;
    }
    change.action = Action::create;
    change.reason = "not in Healthie";
    return true;
  }
  std::string adopted = prior == nullptr ? adopt_reason(m_kind, match.by) : std::string();
  if (!c.active_after && c.active_before) {
    // Adopted or not, a deactivation is a deactivation: the guard rails
    // count it and the plan says so.
    change.action = Action::deactivate;
    change.reason = join_reason({adopted, "active: false in the roster", renamed, diffs});
  } else if (prior == nullptr) {
    change.action = Action::adopt;
    std::string revive =
        c.active_after && !c.active_before
            ? fmt::format("{} in Healthie, will be reactivated", inactive_word(m_kind))
            : std::string();
    change.reason = join_reason({adopted, renamed, revive, diffs});
  } else if (c.active_after && !c.active_before) {
    change.action = Action::reactivate;
    change.reason =
        join_reason({fmt::format("{} in Healthie but active in the roster", inactive_word(m_kind)),
                     renamed, diffs});
  } else if (c.changed > 0 || !renamed.empty()) {
    change.action = Action::update;
    change.reason = join_reason({renamed, diffs});
  } else {
    return false;
  }
  return true;
}

void KindPlanner::record_fate(std::uint32_t r, const DesiredUser& d, Action action,
                              bool active_after) {
  if (m_kind == Kind::client) {
    if (r != k_no_index) {
      m_ctx.client_active_after[r] = active_after ? 1 : 0;
    }
    return;
  }
  StaffEntry* s = m_ctx.directory->by_email(d.key);
  if (s != nullptr) {
    s->planned = action;
    s->active_after = active_after;
  }
}

void KindPlanner::add_drift(const Change& change) {
  Drift drift;
  drift.address = change.address;
  std::vector<std::string_view> names;
  for (const FieldChange& fc : change.fields) {
    if (fc.drifted) {
      drift.fields.push_back(fc.field);
      drift.now.push_back(fc.before);
      names.push_back(m_in.fields.schema->at(fc.field).name);
    }
  }
  drift.description = fmt::format("{} changed outside rosterform", join_names(names));
  m_ctx.plan.drift.push_back(std::move(drift));
}

void plan_kind(DiffContext& ctx, Kind kind) {
  KindPlanner(ctx, kind).run();
}

}  // namespace rosterform::engine
