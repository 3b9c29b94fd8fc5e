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
//                          or client), the API key's own user, or the last
//                          active admin.
//   provider_with_clients  deactivating a provider who still has active
//                          clients, without reassign_clients_to.
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
    n += ((*in.remote)[r].active && managed) ? 1U : 0U;
  }
  return n;
}

void check_deactivation_limit(const DiffContext& ctx, Kind kind, GuardResult& g) {
  std::size_t count = 0;
  for (const Change& c : ctx.plan.changes) {
    count += (c.address.kind == kind && c.action == Action::deactivate) ? 1U : 0U;
  }
  if (count == 0 || !ctx.of(kind).declared) {
    return;
  }
  const DeactivationLimit& limit = ctx.in.desired.policy.max_deactivations;
  if (limit.unit == DeactivationLimit::Unit::count) {
    if (static_cast<double>(count) > limit.value) {
      g.findings.push_back(fmt::format("would deactivate {} {}, more than policy.max_deactivations "
                                       "allows ({})",
                                       count, plural(kind), limit.value));
    }
    return;
  }
  std::size_t population = managed_population(ctx, kind);
  if (population < k_min_population_for_share) {
    return;
  }
  double share = 100.0 * static_cast<double>(count) / static_cast<double>(population);
  if (share > limit.value) {
    g.findings.push_back(fmt::format("would deactivate {} of {} managed {} ({:.1f}%), more than "
                                     "policy.max_deactivations allows ({}%)",
                                     count, population, plural(kind), share, limit.value));
  }
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
  std::size_t before = 0;
  for (const RemoteUser& s : ctx.in.current.staff) {
    before += (s.active && s.is_admin) ? 1U : 0U;
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
    if (r != nullptr && r->active && r->is_admin &&
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
  guards[0] = GuardResult{GuardRule::max_deactivations, GuardStatus::passed, {}};
  guards[1] = GuardResult{GuardRule::protected_accounts, GuardStatus::passed, {}};
  guards[2] = GuardResult{GuardRule::provider_with_clients, GuardStatus::passed, {}};
  check_deactivation_limit(ctx, Kind::staff, guards[0]);
  check_deactivation_limit(ctx, Kind::client, guards[0]);
  check_protected(ctx, guards[1]);
  check_last_admin(ctx, guards[1]);
  check_provider_clients(ctx, guards[2]);
  settle(guards[0], o.mass_deactivation);
  settle(guards[1], o.protected_accounts);
  settle(guards[2], o.provider_with_clients);
}

}  // namespace rosterform::engine
