// A client's `provider:` is a staff email. When the roster lists that staff
// member, the reference is checked here: a deactivated provider or a
// Support member is a warning (Healthie can hold both; plan refuses a new
// assignment to a deactivated member). When it does not, the member may
// well exist in Healthie already (the owner, say, who is often not managed
// by the roster): that is for the plan to find out, so the email is
// recorded, not reported.

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/roster/cross_checks.hpp"
#include "engine/roster/field_check.hpp"
#include "engine/warning_kinds.hpp"

namespace rosterform::engine::roster {

namespace {

bool has_value(const DesiredUser& u, const ResourceSchema& s, std::string_view field,
               std::string_view value) {
  auto id = s.id_of(field);
  auto v = id ? u.fields.get(*id) : std::nullopt;
  return v && *v == value;
}

class StaffIndex {
 public:
  explicit StaffIndex(const std::vector<DesiredUser>& staff) {
    for (const DesiredUser& u : staff) {
      m_by_key.emplace(u.key, &u);
    }
  }
  [[nodiscard]] const DesiredUser* find(std::string_view email) const {
    auto it = m_by_key.find(email);
    return it == m_by_key.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string_view, const DesiredUser*> m_by_key;
};

SourceLocation provider_at(LoadContext& ctx, const DesiredUser& client, const EntryInfo& info) {
  return info.provider_line == 0
             ? client.location
             : SourceLocation{ctx.files[info.file], info.provider_line, info.provider_column};
}

void check_provider(LoadContext& ctx, const StaffIndex& index, const DesiredUser& client,
                    const EntryInfo& info, std::set<std::string, std::less<>>& external) {
  const ResourceSchema& cs = *ctx.of(Kind::client).schema;
  const ResourceSchema& ss = *ctx.of(Kind::staff).schema;
  auto id = cs.id_of("provider");
  auto email = id ? client.fields.get(*id) : std::nullopt;
  if (!email) {
    return;
  }
  const DesiredUser* staff = index.find(*email);
  if (staff == nullptr) {
    if (external.find(*email) == external.end()) {
      external.emplace(*email);
    }
    return;
  }
  const SourceLocation where = provider_at(ctx, client, info);
  if (has_value(*staff, ss, "active", "false")) {
    // Healthie keeps a deactivated member's clients assigned to them, so an
    // account can be in this state: a warning. An archived client of a
    // former member is the ordinary end state, and not worth one. Assigning
    // a client anew to a deactivated member is refused by plan.
    if (!has_value(client, cs, "active", "false")) {
      ctx.diags.warning(
          warning_kinds::deactivated_provider, where,
          fmt::format("provider '{}' is deactivated in the roster (active: false at {}): "
                      "Healthie keeps the assignment, but plan refuses to assign a client to a "
                      "deactivated member: assign an active provider",
                      *email, staff->location.to_string()),
          staff->location);
    }
  } else if (has_value(*staff, ss, "org_role", "Support")) {
    ctx.diags.warning(warning_kinds::support_provider, where,
                      fmt::format("provider '{}' is a Support member (org_role: Support at {}): {}",
                                  *email, staff->location.to_string(),
                                  warning_kinds::support_provider.advice),
                      staff->location);
  }
}

void check_reassign(LoadContext& ctx, const StaffIndex& index, const DesiredUser& member,
                    std::set<std::string, std::less<>>& external) {
  const std::string& to = member.reassign_clients_to;
  if (to.empty()) {
    return;
  }
  const ResourceSchema& ss = *ctx.of(Kind::staff).schema;
  const DesiredUser* target = index.find(to);
  if (to == member.key) {
    ctx.diags.error(member.location, fmt::format("staff member '{}' cannot reassign their clients "
                                                 "to themselves: name another provider",
                                                 member.key));
  } else if (target == nullptr) {
    external.insert(to);
  } else if (has_value(*target, ss, "active", "false")) {
    ctx.diags.error(member.location,
                    fmt::format("reassign_clients_to names '{}', who is deactivated in the roster "
                                "(active: false at {}): name an active provider",
                                to, target->location.to_string()),
                    target->location);
  }
}

void warn_if_empty(LoadContext& ctx, Kind kind, bool declared, std::size_t count) {
  if (!declared || count != 0) {
    return;
  }
  const std::string_view list = kind == Kind::staff ? "staff" : "clients";
  ctx.diags.warning(ctx.of(kind).declared_at,
                    fmt::format("'{0}' is an empty list: rosterform manages {0} and the roster "
                                "lists none, so a plan would deactivate every {1} it manages; "
                                "remove '{0}:' to leave {0} unmanaged",
                                list, entry_noun(kind)));
}

// Staff emails not in the roster that are the email of a roster client,
// with where that client is. Found only among the (few) external emails, so
// no index of every client email is built.
std::map<std::string, SourceLocation, std::less<>> client_emails_among(
    LoadContext& ctx, const std::set<std::string, std::less<>>& external) {
  std::map<std::string, SourceLocation, std::less<>> found;
  auto id = ctx.of(Kind::client).schema->id_of("email");
  for (const DesiredUser& client : ctx.state.clients) {
    auto email = id ? client.fields.get(*id) : std::nullopt;
    if (email && external.count(lower_ascii(*email)) != 0) {
      found.emplace(lower_ascii(*email), client.location);
    }
  }
  return found;
}

// A client's email where a staff email belongs is an error, reported by
// place: the value is a client's, so PHI, and is not repeated.
void refuse_client_emails(LoadContext& ctx, std::set<std::string, std::less<>>& external) {
  if (external.empty()) {
    return;
  }
  const auto clients = client_emails_among(ctx, external);
  if (clients.empty()) {
    return;
  }
  const auto refuse = [&](const SourceLocation& where, std::string_view what,
                          const SourceLocation& client) {
    ctx.diags.error(where,
                    fmt::format("{} is the email of the client at {}, not of a staff member (the "
                                "value is not shown): give the provider's staff email",
                                what, client.to_string()),
                    client);
  };
  auto id = ctx.of(Kind::client).schema->id_of("provider");
  const std::vector<EntryInfo>& infos = ctx.of(Kind::client).info;
  for (std::size_t i = 0; i < ctx.state.clients.size(); ++i) {
    auto email = id ? ctx.state.clients[i].fields.get(*id) : std::nullopt;
    auto hit = email ? clients.find(*email) : clients.end();
    if (hit != clients.end()) {
      refuse(provider_at(ctx, ctx.state.clients[i], infos[i]), "field 'provider' in client",
             hit->second);
    }
  }
  for (const DesiredUser& member : ctx.state.staff) {
    auto hit = clients.find(member.reassign_clients_to);
    if (hit != clients.end()) {
      refuse(member.location, "field 'reassign_clients_to' in staff member", hit->second);
    }
  }
  for (const auto& [email, where] : clients) {
    external.erase(email);
  }
}

}  // namespace

void check_references(LoadContext& ctx) {
  const StaffIndex index(ctx.state.staff);
  std::set<std::string, std::less<>> external;
  const std::vector<EntryInfo>& infos = ctx.of(Kind::client).info;
  for (std::size_t i = 0; i < ctx.state.clients.size(); ++i) {
    check_provider(ctx, index, ctx.state.clients[i], infos[i], external);
  }
  for (const DesiredUser& member : ctx.state.staff) {
    check_reassign(ctx, index, member, external);
  }
  refuse_client_emails(ctx, external);
  ctx.state.external_staff_emails.assign(external.begin(), external.end());
}

void check_empty_lists(LoadContext& ctx) {
  warn_if_empty(ctx, Kind::staff, ctx.state.staff_declared, ctx.state.staff.size());
  warn_if_empty(ctx, Kind::client, ctx.state.clients_declared, ctx.state.clients.size());
}

}  // namespace rosterform::engine::roster
