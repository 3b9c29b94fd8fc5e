// Guard rails: rules that refuse a plan which is valid but dangerous. A
// refused plan is still computed and shown, with each rule's findings, so a
// reviewer can see why; apply refuses it and `plan` exits 3. Each rule has
// exactly one override flag, which turns its status into "overridden" and
// lifts nothing else.
//
//   max_deactivations      more deactivations of one kind than
//                          policy.max_deactivations allows: a share of the
//                          managed population (only once it has at least
//                          k_min_population_for_share users, so that a
//                          clinic of 3 can still let 1 go) or a count.
//   protected_accounts     deactivating anyone in policy.protected (staff
//                          or client), or the API key's own user.
//   provider_with_clients  deactivating a provider who still has active
//                          clients, without reassign_clients_to.
//   max_updates            more updates of one kind than policy.max_updates
//                          allows (default 50%; same share/count rules).
//   max_reassignments      more clients moved to another provider than
//                          policy.max_reassignments allows (default 25%).
//   last_admin             deactivating or demoting every active admin: the
//                          organization would have no admin left.
#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "engine/plan/diff_context.hpp"
#include "engine/plan/handle.hpp"
#include "engine/plan/identity_index.hpp"

namespace rosterform::engine {

namespace {

constexpr std::size_t k_min_population_for_share = 10;

std::string_view plural(Kind kind) { return kind == Kind::staff ? "staff members" : "clients"; }

std::size_t managed_population(const DiffContext& ctx, Kind kind) {
  const KindInputs& in = ctx.of(kind);
  const Matching& m = ctx.matching(kind);
  std::size_t n = 0;
  for (std::uint32_t r = 0; r < in.remote->size(); ++r) {
    bool managed = m.remote_owner[r] != k_no_index || m.remote_prior[r] != k_no_index ||
                   ctx.in.desired.policy.authoritative;
    n += ((*in.remote)[r].is_active(in.fields.active) && managed) ? 1U : 0U;
  }
  return n;
}

// What a mass-change rule counts, and how its findings say it.
struct LimitRule {
  const ChangeLimit& limit;
  std::string_view setting;  // "policy.max_updates"
  std::string_view verb;     // "deactivate"
  std::string_view tail;     // "" or " to another provider"
};

void check_limit(const DiffContext& ctx, Kind kind, std::size_t count, const LimitRule& rule,
                 GuardResult& g) {
  if (count == 0 || !ctx.of(kind).declared) {
    return;
  }
  const ChangeLimit& limit = rule.limit;
  if (limit.unit == ChangeLimit::Unit::count) {
    if (static_cast<double>(count) > limit.value) {
      g.findings.push_back(fmt::format("would {} {} {}{}, more than {} allows ({})", rule.verb,
                                       count, plural(kind), rule.tail, rule.setting, limit.value));
    }
    return;
  }
  std::size_t population = managed_population(ctx, kind);
  if (population < k_min_population_for_share) {
    return;
  }
  double share = 100.0 * static_cast<double>(count) / static_cast<double>(population);
  if (share > limit.value) {
    g.findings.push_back(fmt::format("would {} {} of {} managed {}{} ({:.1f}%), more than {} "
                                     "allows ({}%)",
                                     rule.verb, count, population, plural(kind), rule.tail, share,
                                     rule.setting, limit.value));
  }
}

std::size_t count_of(const DiffContext& ctx, Kind kind, Action action) {
  return static_cast<std::size_t>(
      std::count_if(ctx.plan.changes.begin(), ctx.plan.changes.end(), [&](const Change& c) {
        return c.address.kind == kind && c.action == action;
      }));
}

void check_deactivation_limit(const DiffContext& ctx, Kind kind, GuardResult& g) {
  check_limit(ctx, kind, count_of(ctx, kind, Action::deactivate),
              {ctx.in.desired.policy.max_deactivations, "policy.max_deactivations", "deactivate", ""},
              g);
}

// A bad `sed` or a mistaken default changes every record at once; octoDNS
// guards updates as well as deletes.
void check_update_limit(const DiffContext& ctx, Kind kind, GuardResult& g) {
  check_limit(ctx, kind, count_of(ctx, kind, Action::update),
              {ctx.in.desired.policy.max_updates, "policy.max_updates", "update", ""}, g);
}

// Clients whose provider the plan changes (a `provider:` edit; clients that
// follow a departing member's reassign_clients_to are asked for by name).
void check_reassignment_limit(const DiffContext& ctx, GuardResult& g) {
  const std::optional<FieldId>& provider = ctx.clients.fields.reference;
  std::size_t moved = 0;
  for (const Change& c : ctx.plan.changes) {
    if (c.address.kind != Kind::client || c.action != Action::update || !provider) {
      continue;
    }
    moved += std::any_of(c.fields.begin(), c.fields.end(), [&](const FieldChange& f) {
               return f.field == *provider && f.changed;
             })
                 ? 1U
                 : 0U;
  }
  check_limit(ctx, Kind::client, moved,
              {ctx.in.desired.policy.max_reassignments, "policy.max_reassignments", "move",
               " to another provider"},
              g);
}

// How a finding names a user: the label the plan shows for the change,
// never a key derived from PHI (engine/plan/handle.hpp).
std::string guard_name(const Address& a) {
  return label(a);
}

bool is_protected_email(const Policy& policy, std::string_view email) {
  for (const std::string& p : policy.protected_emails) {
    if (equals_folded(p, email)) {
      return true;
    }
  }
  return false;
}

// The Healthie ids of clients whose email policy.protected lists. The list
// is short and clients may be a million, so each client is looked at once
// and only when the plan deactivates any client at all.
std::unordered_set<std::string_view> protected_client_ids(const DiffContext& ctx) {
  std::unordered_set<std::string_view> ids;
  const std::optional<FieldId>& email = ctx.clients.fields.email;
  bool any = std::any_of(ctx.plan.changes.begin(), ctx.plan.changes.end(), [](const Change& c) {
    return c.address.kind == Kind::client && c.action == Action::deactivate;
  });
  if (!any || !email || ctx.in.desired.policy.protected_emails.empty()) {
    return ids;
  }
  for (const RemoteUser& r : ctx.in.current.clients) {
    auto v = r.fields.get(*email);
    if (v && is_protected_email(ctx.in.desired.policy, *v)) {
      ids.insert(r.user_id);
    }
  }
  return ids;
}

// A client is protected by the email Healthie has or the one the roster
// gives it; the finding names the client, never the email (PHI).
bool is_protected_client(const DiffContext& ctx, const Change& c,
                         const std::unordered_set<std::string_view>& ids) {
  if (!c.address.user_id.empty() && ids.count(c.address.user_id) > 0) {
    return true;
  }
  const std::optional<FieldId>& email = ctx.clients.fields.email;
  return std::any_of(c.fields.begin(), c.fields.end(), [&](const FieldChange& f) {
    return email && f.field == *email && f.after &&
           is_protected_email(ctx.in.desired.policy, *f.after);
  });
}

void check_protected(const DiffContext& ctx, GuardResult& g) {
  std::unordered_set<std::string_view> client_ids = protected_client_ids(ctx);
  for (const Change& c : ctx.plan.changes) {
    if (c.action != Action::deactivate) {
      continue;
    }
    std::string who = guard_name(c.address);
    if (c.address.kind == Kind::staff && is_protected_email(ctx.in.desired.policy, c.address.key)) {
      g.findings.push_back(fmt::format("would deactivate {}, which policy.protected lists", who));
    }
    if (c.address.kind == Kind::client && is_protected_client(ctx, c, client_ids)) {
      g.findings.push_back(
          fmt::format("would deactivate {}, whose email policy.protected lists", who));
    }
    if (!c.address.user_id.empty() && c.address.user_id == ctx.in.current.caller.user_id) {
      g.findings.push_back(fmt::format("would deactivate {}, the API key's own user", who));
    }
  }
}

bool demotes_admin(const DiffContext& ctx, const Change& c) {
  const std::optional<FieldId>& id = ctx.staff.fields.is_admin;
  for (const FieldChange& fc : c.fields) {
    if (id && fc.field == *id && fc.changed && fc.after && *fc.after == "false") {
      return true;
    }
  }
  return false;
}

void check_last_admin(const DiffContext& ctx, GuardResult& g) {
  const SchemaFields& f = ctx.staff.fields;
  std::size_t before = 0;
  for (const RemoteUser& s : ctx.in.current.staff) {
    before += (s.is_active(f.active) && s.is_admin(f.is_admin)) ? 1U : 0U;
  }
  if (before == 0) {
    return;
  }
  std::size_t lost = 0;
  std::string names;
  for (const Change& c : ctx.plan.changes) {
    if (c.address.kind != Kind::staff || c.address.user_id.empty()) {
      continue;
    }
    const StaffEntry* s = ctx.directory->by_user_id(c.address.user_id);
    const RemoteUser* r = s && s->remote != k_no_index ? &ctx.in.current.staff[s->remote] : nullptr;
    if (r != nullptr && r->is_active(f.active) && r->is_admin(f.is_admin) &&
        (c.action == Action::deactivate || demotes_admin(ctx, c))) {
      ++lost;
      names += (names.empty() ? "" : ", ") + label(c.address);
    }
  }
  if (lost == before) {
    g.findings.push_back(fmt::format("would leave the organization without an active admin "
                                     "(deactivating or demoting {})",
                                     names));
  }
}

void check_provider_clients(const DiffContext& ctx, GuardResult& g) {
  std::vector<std::size_t> left = clients_left_with_departing_staff(ctx);
  const auto& entries = ctx.directory->entries();
  for (const Change& c : ctx.plan.changes) {
    if (c.address.kind != Kind::staff || c.action != Action::deactivate ||
        !c.reassign_clients_to.empty()) {
      continue;
    }
    const StaffEntry* s = ctx.directory->by_email(c.address.key);
    std::size_t n = s == nullptr ? 0 : left[static_cast<std::size_t>(s - entries.data())];
    if (n > 0) {
      g.findings.push_back(fmt::format("would deactivate {}, who has {} active client{}, without "
                                       "reassign_clients_to; keep the entry with `active: false` "
                                       "and add `reassign_clients_to: <email>`",
                                       label(c.address), n, n == 1 ? "" : "s"));
    }
  }
}

void settle(GuardResult& g, bool overridden) {
  if (g.findings.empty()) {
    g.status = GuardStatus::passed;
  } else {
    g.status = overridden ? GuardStatus::overridden : GuardStatus::refused;
  }
}

}  // namespace

void evaluate_guards(DiffContext& ctx) {
  const GuardOverrides& o = ctx.in.options.overrides;
  auto& guards = ctx.plan.guards;
  for (std::size_t i = 0; i < guards.size(); ++i) {
    guards[i] = GuardResult{static_cast<GuardRule>(i), GuardStatus::passed, {}};
  }
  auto at = [&guards](GuardRule r) -> GuardResult& { return guards[static_cast<std::size_t>(r)]; };
  check_deactivation_limit(ctx, Kind::staff, at(GuardRule::max_deactivations));
  check_deactivation_limit(ctx, Kind::client, at(GuardRule::max_deactivations));
  check_protected(ctx, at(GuardRule::protected_accounts));
  check_provider_clients(ctx, at(GuardRule::provider_with_clients));
  check_update_limit(ctx, Kind::staff, at(GuardRule::max_updates));
  check_update_limit(ctx, Kind::client, at(GuardRule::max_updates));
  check_reassignment_limit(ctx, at(GuardRule::max_reassignments));
  check_last_admin(ctx, at(GuardRule::last_admin));
  settle(at(GuardRule::max_deactivations), o.mass_deactivation);
  settle(at(GuardRule::protected_accounts), o.protected_accounts);
  settle(at(GuardRule::provider_with_clients), o.provider_with_clients);
  settle(at(GuardRule::max_updates), o.mass_update);
  settle(at(GuardRule::max_reassignments), o.mass_reassignment);
  settle(at(GuardRule::last_admin), o.no_admin);
}

}  // namespace rosterform::engine
