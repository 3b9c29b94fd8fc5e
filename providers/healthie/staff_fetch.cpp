// Staff: every OrganizationMembership with its user. organizationMembers
// leaves deactivated members out (api-facts §12.5), and a member who comes
// back must be reactivated, not created twice, so memberships are the source.
// Either shape's count must match every membership read, active and
// deactivated: a list that drops a deactivated member would plan a create
// for someone Healthie refuses to create twice.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/cursor_guard.hpp"
#include "providers/healthie/fetch.hpp"
#include "providers/healthie/json_text.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

constexpr int k_staff_node_cost = 16;  // membership leaves + user leaves + nesting

engine::Status decode_list(element list, std::vector<engine::RemoteUser>& out) {
  if (!list.is_array())
    return engine::fail("reading staff: organizationMemberships is not a list");
  for (element m : list.get_array()) {
    engine::RemoteUser user;
    if (!decode_membership(m, user))
      return engine::fail("reading staff: a membership without a user or id");
    out.push_back(std::move(user));
  }
  return {};
}

// Baseline: Organization.organization_memberships_count counts every
// membership, deactivated ones included, so it must equal the list's length.
// organizationMembersCount counts active members (or, on a server that lists
// deactivated ones too, all of them): a second cross-check.
engine::Status check_count(const std::vector<engine::RemoteUser>& staff, long long memberships,
                           long long members) {
  long long active = 0;
  auto active_field = staff_schema().id_of("active");
  for (const auto& u : staff)
    active += u.is_active(active_field) ? 1 : 0;
  auto total = static_cast<long long>(staff.size());
  if (memberships == total && (members == active || members == total))
    return {};
  return engine::fail("incomplete read: organization_memberships_count is " +
                      std::to_string(memberships) + " and organizationMembersCount " +
                      std::to_string(members) + " but organizationMemberships returned " +
                      std::to_string(total) + " members (" + std::to_string(active) +
                      " active); nothing was planned; run again");
}

engine::Result<std::vector<engine::RemoteUser>> fetch_list(Executor& exec,
                                                           const engine::Caller& caller) {
  std::vector<engine::RemoteUser> staff;
  engine::Status status;
  exec.enqueue(
      staff_query(ApiShape::baseline),
      staff_page_variables(ApiShape::baseline, caller.organization_id, std::nullopt),
      [&](Classified c) {
        if (c.kind != ResponseKind::ok) {
          status = engine::fail(call_failure("reading staff", c));
          return;
        }
        element list;
        element data = c.json->root["data"].value_unsafe();
        auto counted = int_member(data, "organizationMembersCount");
        element org;
        auto memberships = data["currentUser"]["organization"].get(org) == simdjson::SUCCESS
                               ? int_member(org, "organization_memberships_count")
                               : std::nullopt;
        if (!data_field(*c.json, "organizationMemberships", list) || !counted || !memberships) {
          status = engine::fail("reading staff: the response lacks memberships or their count");
          return;
        }
        status = decode_list(list, staff);
        exec.set_phase_total(static_cast<std::uint64_t>(std::max(*memberships, 0LL)));
        exec.note_page(staff.size());
        if (status)
          status = check_count(staff, *memberships, *counted);
      });
  ROSTERFORM_TRY(exec.run());
  ROSTERFORM_TRY(status);
  return staff;
}

// Connections: pages follow cursors one after another (300 staff is three
// pages; splitting them would not pay), checked against total_count.
struct StaffPager {
  Executor& exec;
  const engine::Caller& caller;
  std::vector<engine::RemoteUser> staff;
  std::optional<long long> total;
  CursorGuard guard{"reading staff"};
  engine::Status status;

  void request(const std::optional<std::string>& after) {
    exec.enqueue(staff_query(ApiShape::connections),
                 staff_page_variables(ApiShape::connections, caller.organization_id, after),
                 [this](Classified c) { on_page(c); });
  }

  void on_page(const Classified& c) {
    element conn;
    if (c.kind != ResponseKind::ok) {
      status = engine::fail(call_failure("reading staff", c));
    } else if (!data_field(*c.json, "organizationMemberships", conn) || !conn.is_object()) {
      status = engine::fail("reading staff: the response lacks organizationMemberships");
    } else {
      next(conn);
    }
    if (!status)
      exec.abort(status.error());
  }

  void next(element conn) {
    auto count = int_member(conn, "total_count");
    element nodes;
    if (!count || conn["nodes"].get(nodes) != simdjson::SUCCESS) {
      status = engine::fail("reading staff: a page without total_count or nodes");
      return;
    }
    if (total && *total != *count) {
      status =
          engine::fail("incomplete read: the number of staff changed during the read; run again");
      return;
    }
    total = count;
    exec.set_phase_total(static_cast<std::uint64_t>(std::max(*count, 0LL)));
    std::size_t before = staff.size();
    status = decode_list(nodes, staff);
    if (!status)
      return;
    exec.note_page(staff.size() - before);
    element info;
    bool has_info = conn["page_info"].get(info) == simdjson::SUCCESS;
    auto more = guard.next({static_cast<long long>(staff.size() - before), *count,
                            has_info && bool_member(info, "has_next_page").value_or(false),
                            has_info ? string_member(info, "end_cursor") : std::nullopt});
    if (!more)
      status = tl::unexpected(more.error());
    else if (*more)
      request(guard.cursor());
  }
};

engine::Result<std::vector<engine::RemoteUser>> fetch_pages(Executor& exec,
                                                            const engine::Caller& caller) {
  StaffPager pager{exec, caller, {}, {}, CursorGuard("reading staff"), {}};
  pager.request(std::nullopt);
  ROSTERFORM_TRY(exec.run());
  ROSTERFORM_TRY(pager.status);
  if (pager.total && static_cast<long long>(pager.staff.size()) != *pager.total) {
    return engine::fail("incomplete read: total_count says " + std::to_string(*pager.total) +
                        " staff but " + std::to_string(pager.staff.size()) +
                        " were read; nothing was planned; run again");
  }
  return std::move(pager.staff);
}

}  // namespace

std::string staff_page_variables(ApiShape shape, std::string_view organization_id,
                                 const std::optional<std::string>& after) {
  JsonObject vars;
  vars.string("org", organization_id);
  switch (shape) {
    case ApiShape::baseline:
      break;  // one list, no pages
    case ApiShape::connections:
      vars.integer("first", page_size_for(k_staff_node_cost, 50)).optional_string("after", after);
      break;
  }
  return vars.str();
}

engine::Result<std::vector<engine::RemoteUser>> fetch_staff(Executor& exec, ApiShape shape,
                                                            const engine::Caller& caller) {
  auto staff = [&]() -> engine::Result<std::vector<engine::RemoteUser>> {
    switch (shape) {
      case ApiShape::baseline:
        return fetch_list(exec, caller);
      case ApiShape::connections:
        return fetch_pages(exec, caller);
    }
    throw std::logic_error("fetch_staff: unknown ApiShape");
  }();
  if (!staff)
    return staff;
  ROSTERFORM_TRY(check_unique(*staff, "staff member"));
  return staff;
}

}  // namespace rosterform::healthie
