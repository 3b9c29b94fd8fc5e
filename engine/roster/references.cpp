// A client's `provider:` is a staff email. When the roster lists that staff
// member, the reference is checked here (an inactive provider cannot take
// clients). When it does not, the member may well exist in Healthie already
// (the owner, say, who is often not managed by the roster): that is for the
// plan to find out, so the email is recorded, not reported.

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/roster/cross_checks.hpp"

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
  const SourceLocation where =
      info.provider_line == 0
          ? client.location
          : SourceLocation{ctx.files[info.file], info.provider_line, info.provider_column};
  if (has_value(*staff, ss, "active", "false")) {
    ctx.diags.error(where,
                    fmt::format("provider '{}' is deactivated in the roster (active: false at "
                                "{}): assign the client to an active provider",
                                *email, staff->location.to_string()),
                    staff->location);
  } else if (has_value(*staff, ss, "org_role", "Support")) {
    ctx.diags.warning(where,
                      fmt::format("provider '{}' is a Support member (org_role: Support at {}): "
                                  "Healthie assigns clients to providers (org_role: Standard)",
                                  *email, staff->location.to_string()),
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
  ctx.state.external_staff_emails.assign(external.begin(), external.end());
}

void check_empty_lists(LoadContext& ctx) {
  warn_if_empty(ctx, Kind::staff, ctx.state.staff_declared, ctx.state.staff.size());
  warn_if_empty(ctx, Kind::client, ctx.state.clients_declared, ctx.state.clients.size());
}

}  // namespace rosterform::engine::roster
