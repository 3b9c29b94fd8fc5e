// Turning matches into changes, one kind at a time.
//
// Three populations are walked once each:
//   * roster entries: create when unmatched, adopt when matched by identity
//     only, else reactivate / deactivate / update / no-op by comparing the
//     managed fields (compare.hpp);
//   * state entries no roster entry claims any more: "removed from the
//     roster", so deactivate (or forget, per policy.on_removal, or when
//     Healthie already has them inactive);
//   * Healthie users neither the roster nor the state knows: listed as
//     unmanaged and left alone, or deactivated under policy.authoritative.
// A kind whose section the roster does not declare is not managed at all.
// No-ops are counted, not stored, so a million unchanged clients cost a
// counter.
#include <algorithm>

#include <fmt/format.h>

#include "engine/plan/compare.hpp"
#include "engine/plan/diff_context.hpp"

namespace rosterform::engine {

namespace {

std::string join_names(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      out += i + 1 == names.size() ? " and " : ", ";
    }
    out += names[i];
  }
  return out;
}

// "phone_number differs", "dob and gender differ"; then, for fields Healthie
// changed since the last apply, "; phone_number changed outside rosterform".
std::string describe_differences(const SchemaFields& f, const std::vector<FieldChange>& fields) {
  std::vector<std::string_view> changed;
  std::vector<std::string_view> drifted;
  for (const FieldChange& fc : fields) {
    if (!fc.changed || (f.active && fc.field == *f.active)) {
      continue;
    }
    changed.push_back(f.schema->at(fc.field).name);
    if (fc.drifted) {
      drifted.push_back(f.schema->at(fc.field).name);
    }
  }
  if (changed.empty()) {
    return {};
  }
  std::string out =
      fmt::format("{} {}", join_names(changed), changed.size() == 1 ? "differs" : "differ");
  if (!drifted.empty()) {
    out += fmt::format("; {} changed outside rosterform", join_names(drifted));
  }
  return out;
}

std::string join_reason(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!p.empty()) {
      out += (out.empty() ? "" : "; ") + p;
    }
  }
  return out;
}

std::string_view inactive_word(Kind kind) {
  return kind == Kind::client ? "archived" : "deactivated";
}

std::string adopt_reason(Kind kind, MatchedBy by) {
  std::string_view who = kind == Kind::staff ? "staff member" : "client";
  switch (by) {
    case MatchedBy::email:
      return fmt::format("matches a Healthie {} by email", who);
    case MatchedBy::record_identifier:
      return fmt::format("matches a Healthie {} by record_identifier", who);
    case MatchedBy::email_and_name:
      return fmt::format("matches a Healthie {} by email and name", who);
    case MatchedBy::none:
    case MatchedBy::state:
      break;
  }
  return "matches a Healthie user";
}

Fingerprint fingerprint_of(const RemoteUser* r, const ValueHasher* hasher) {
  Fingerprint fp;
  if (r != nullptr) {
    fp.updated_at = r->updated_at;
    if (hasher != nullptr) {
      fp.fields_digest = hasher->hex_digest(fingerprint_message(r->fields));
    }
  }
  return fp;
}

class KindPlanner {
 public:
  KindPlanner(DiffContext& ctx, Kind kind)
      : m_ctx(ctx), m_kind(kind), m_in(ctx.of(kind)), m_match(ctx.matching(kind)) {}

  void run() {
    if (m_kind == Kind::client) {
      m_ctx.client_active_after.resize(m_in.remote->size());
      for (std::size_t r = 0; r < m_in.remote->size(); ++r) {
        m_ctx.client_active_after[r] = (*m_in.remote)[r].active ? 1 : 0;
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

 private:
  const RemoteUser* remote_at(std::uint32_t r) const {
    return r == k_no_index ? nullptr : &(*m_in.remote)[r];
  }

  CompareContext compare_context(const ManagedRecord* prior) const {
    return CompareContext{m_kind, &m_in.fields, m_ctx.directory.get(), prior, m_ctx.in.hasher};
  }

  void count_no_op() { ++m_ctx.plan.summary.by_action[static_cast<std::size_t>(Action::no_op)]; }

  void plan_entry(std::uint32_t i) {
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
    change.fingerprint = fingerprint_of(r, m_ctx.in.hasher);
    change.reassign_clients_to = to_lower_ascii(d.reassign_clients_to);
    change.fields = std::move(c.fields);
    record_fate(match.remote, d, change.action, c.active_after);
    if (c.drifted > 0) {
      add_drift(change);
    }
    m_ctx.plan.changes.push_back(std::move(change));
  }

  // Chooses the action and writes the reason; false means no-op.
  bool decide(const DesiredUser& d, const Match& match, const RemoteUser* r,
              const ManagedRecord* prior, const Compared& c, Change& change) {
    std::string diffs = describe_differences(m_in.fields, c.fields);
    std::string renamed =
        match.moved_from.empty()
            ? std::string()
            : fmt::format("renamed from {}", message_address(m_kind, match.moved_from));
    if (r == nullptr) {
      if (!c.active_after) {
        m_ctx.diags.warning(d.location, fmt::format("{}: inactive in the roster and not in "
                                                    "Healthie; nothing to do",
                                                    describe_entry(d)));
        return false;
      }
      change.action = Action::create;
      change.reason = "not in Healthie";
    } else if (prior == nullptr) {
      change.action = Action::adopt;
      std::string revive =
          c.active_after && !c.active_before
              ? fmt::format("{} in Healthie, will be reactivated", inactive_word(m_kind))
              : std::string();
      change.reason = join_reason({adopt_reason(m_kind, match.by), renamed, revive, diffs});
    } else if (c.active_after && !c.active_before) {
      change.action = Action::reactivate;
      change.reason = join_reason(
          {fmt::format("{} in Healthie but active in the roster", inactive_word(m_kind)), renamed,
           diffs});
    } else if (!c.active_after && c.active_before) {
      change.action = Action::deactivate;
      change.reason = join_reason({"active: false in the roster", renamed, diffs});
    } else if (c.changed > 0 || !renamed.empty()) {
      change.action = Action::update;
      change.reason = join_reason({renamed, diffs});
    } else {
      return false;
    }
    return true;
  }

  void record_fate(std::uint32_t r, const DesiredUser& d, Action action, bool active_after) {
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

  void add_drift(const Change& change) {
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

  void plan_removed();
  void plan_unclaimed();
  void drift_of_removed(const ManagedRecord& rec, const RemoteUser& r, const Address& address);
  Change removal(const Address& address, const RemoteUser* r, Action action, std::string reason);

  DiffContext& m_ctx;
  Kind m_kind;
  const KindInputs& m_in;
  const Matching& m_match;
};

Change KindPlanner::removal(const Address& address, const RemoteUser* r, Action action,
                            std::string reason) {
  Change change;
  change.action = action;
  change.address = address;
  change.reason = std::move(reason);
  change.fingerprint = fingerprint_of(r, m_ctx.in.hasher);
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
      s->active_after = action != Action::deactivate && r->active;
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
    } else if (!r->active) {
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
      now = r.active ? "true" : "false";
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
        !remote[r].active) {
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

}  // namespace

void plan_kind(DiffContext& ctx, Kind kind) {
  KindPlanner(ctx, kind).run();
}

}  // namespace rosterform::engine
