// Removals: state entries no roster entry claims any more ("removed from
// the roster": deactivate, or forget when policy.on_removal is ignore or
// Healthie already has them inactive or gone), and active Healthie users
// nobody knows (listed as unmanaged, or deactivated under
// policy.authoritative).
#include <fmt/format.h>

#include "engine/plan/change_reasons.hpp"
#include "engine/plan/fingerprint.hpp"
#include "engine/plan/kind_planner.hpp"

namespace rosterform::engine {

Change KindPlanner::removal(const Address& address, const RemoteUser* r, Action action,
                            std::string reason) {
  Change change;
  change.action = action;
  change.address = address;
  change.reason = std::move(reason);
  change.fingerprint = fingerprint_of(r, m_ctx.in.hasher, *m_in.fields.schema);
  change.leaves_roster = true;
  if (r != nullptr) {
    change.membership_id = r->membership_id;
  }
  if (action == Action::deactivate && m_in.fields.active) {
    change.fields.push_back(
        FieldChange{*m_in.fields.active, std::string("true"), std::string("false"), true});
  }
  if (m_kind == Kind::staff && r != nullptr) {
    if (StaffEntry* s = m_ctx.directory->by_email(address.key); s != nullptr) {
      s->planned = action;
      s->active_after = action != Action::deactivate && r->is_active(m_in.fields.active);
    }
  }
  return change;
}

void KindPlanner::plan_removed() {
  std::vector<std::uint32_t> prior_remote(m_match.prior_of_kind.size(), k_no_index);
  for (std::uint32_t r = 0; r < m_match.remote_prior.size(); ++r) {
    if (m_match.remote_prior[r] != k_no_index) {
      prior_remote[m_match.remote_prior[r]] = r;
    }
  }
  const Policy& policy = m_ctx.in.desired.policy;
  for (std::uint32_t p = 0; p < m_match.prior_of_kind.size(); ++p) {
    if (m_match.prior_claimed[p]) {
      continue;
    }
    const ManagedRecord& rec = m_ctx.in.prior.records[m_match.prior_of_kind[p]];
    const RemoteUser* r = remote_at(prior_remote[p]);
    Address address{m_kind, rec.key, is_derived_client_key(m_kind, rec.key), rec.user_id, {}};
    Change change;
    if (r == nullptr) {
      change = removal(
          address, r, Action::forget,
          fmt::format("removed from the roster; Healthie no longer returns user {}", rec.user_id));
      m_ctx.plan.drift.push_back(Drift{address, {}, {}, "no longer returned by Healthie"});
    } else if (!r->is_active(m_in.fields.active)) {
      change = removal(
          address, r, Action::forget,
          fmt::format("removed from the roster; already {} in Healthie", inactive_word(m_kind)));
    } else if (policy.on_removal == OnRemoval::ignore) {
      change = removal(
          address, r, Action::forget,
          "removed from the roster; policy.on_removal is ignore, so Healthie keeps the user");
    } else {
      change = removal(address, r, Action::deactivate, "removed from the roster");
      if (m_kind == Kind::client) {
        m_ctx.client_active_after[prior_remote[p]] = 0;
      }
    }
    if (r != nullptr) {
      drift_of_removed(rec, *r, address);
    }
    m_ctx.plan.changes.push_back(std::move(change));
  }
}

void KindPlanner::drift_of_removed(const ManagedRecord& rec, const RemoteUser& r,
                                   const Address& address) {
  if (m_ctx.in.hasher == nullptr) {
    return;
  }
  Drift drift;
  drift.address = address;
  std::vector<std::string_view> names;
  for (const AppliedField& a : rec.applied) {
    std::optional<std::string> now;
    if (m_in.fields.active && a.field == *m_in.fields.active) {
      now = r.is_active(m_in.fields.active) ? "true" : "false";
    } else if (auto v = r.fields.get(a.field)) {
      now = std::string(*v);
    }
    if (!now || !digest_matches(*m_ctx.in.hasher, a.digest, *now)) {
      drift.fields.push_back(a.field);
      drift.now.push_back(now);
      names.push_back(m_in.fields.schema->at(a.field).name);
    }
  }
  if (!drift.fields.empty()) {
    drift.description = fmt::format("{} changed outside rosterform", join_names(names));
    m_ctx.plan.drift.push_back(std::move(drift));
  }
}

void KindPlanner::plan_unclaimed() {
  const auto& remote = *m_in.remote;
  bool authoritative = m_ctx.in.desired.policy.authoritative;
  for (std::uint32_t r = 0; r < remote.size(); ++r) {
    if (m_match.remote_owner[r] != k_no_index || m_match.remote_prior[r] != k_no_index ||
        !remote[r].is_active(m_in.fields.active)) {
      continue;
    }
    std::string email;
    if (m_kind == Kind::staff && m_in.fields.email) {
      email = to_lower_ascii(remote[r].fields.value_or_empty(m_in.fields.email));
    }
    if (!authoritative) {
      m_ctx.plan.unmanaged.push_back(UnmanagedUser{m_kind, remote[r].user_id, email});
      continue;
    }
    Address address{m_kind, email, false, remote[r].user_id, {}};
    m_ctx.plan.changes.push_back(removal(address, &remote[r], Action::deactivate,
                                         "not in the roster, and policy.authoritative is set"));
    if (m_kind == Kind::client) {
      m_ctx.client_active_after[r] = 0;
    }
  }
}

}  // namespace rosterform::engine
