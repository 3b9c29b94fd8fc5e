#include "tests/unit/support/fake_healthie.hpp"

namespace rosterform::testing {

using Json = nlohmann::json;

void FakeHealthie::add_member(const std::string& id, const std::string& email, bool active,
                              bool admin, const std::string& role) {
  Json user = {{"id", id},
               {"email", email},
               {"first_name", "F" + id},
               {"last_name", "L" + id},
               {"timezone", nullptr},
               {"phone_number", nullptr},
               {"npi", nullptr},
               {"qualifications", nullptr},
               {"active", active},
               {"updated_at", "2026-01-01"}};
  members.push_back({{"id", "m" + id}, {"is_admin", admin}, {"org_role", role}, {"user", user}});
}

void FakeHealthie::add_client(const std::string& id, const std::string& email,
                              const std::string& dietitian, bool active) {
  clients.push_back({{"id", id},
                     {"email", email},
                     {"first_name", "C" + id},
                     {"last_name", "Z" + id},
                     {"record_identifier", nullptr},
                     {"legal_name", nullptr},
                     {"dob", "1980-02-03 00:00:00 +0000"},
                     {"gender", nullptr},
                     {"phone_number", nullptr},
                     {"timezone", nullptr},
                     {"dietitian_id", dietitian.empty() ? Json(nullptr) : Json(dietitian)},
                     {"active", active},
                     {"updated_at", "2026-01-02"}});
}

http::Response FakeHealthie::handle(const http::Request& request) {
  Json body = Json::parse(request.body);
  std::string op = body.value("operationName", "");
  int nth = ++calls[op];
  order.push_back(op);
  if (before)
    if (auto spoiled = before(op, nth))
      return *spoiled;
  Json data = run(op, body.value("variables", Json::object()));
  http::Response r = json_response(Json{{"data", data}}.dump());
  if (after)
    if (auto spoiled = after(op, nth))
      return *spoiled;
  return r;
}

std::vector<Json> FakeHealthie::filter(const Json& provider, const std::string& status) const {
  std::vector<Json> out;
  for (const Json& c : clients) {
    if (status == "active" && !c["active"].get<bool>())
      continue;
    if (status == "archived" && c["active"].get<bool>())
      continue;
    if (!provider.is_null() && c["dietitian_id"] != provider)
      continue;
    out.push_back(c);
  }
  return out;
}

// One page of a connection over `rows`; cursors are positions.
Json FakeHealthie::connection(const std::vector<Json>& rows, const Json& cursor,
                              std::size_t first) const {
  std::size_t from = cursor.is_string() ? std::stoul(cursor.get<std::string>()) : 0;
  if (cursor_fault == CursorFault::after_ignored)
    from = 0;
  if (cursor_fault == CursorFault::overlap && from > 0)
    --from;
  Json nodes = Json::array();
  for (std::size_t k = from; k < rows.size() && k < from + first; ++k)
    nodes.push_back(rows[k]);
  std::size_t end = from + nodes.size();
  Json end_cursor = std::to_string(end);
  if (cursor_fault == CursorFault::null_end_cursor)
    end_cursor = nullptr;
  return {{"total_count", static_cast<long long>(rows.size()) + count_bias},
          {"page_info", {{"has_next_page", end < rows.size()}, {"end_cursor", end_cursor}}},
          {"nodes", nodes}};
}

Json FakeHealthie::staff(const Json& vars) const {
  if (m_shape == healthie::ApiShape::baseline) {
    long long active = 0;
    Json listed = Json::array();
    bool dropped = !drop_deactivated_member;
    for (const Json& m : members) {
      bool on = m["user"]["active"].get<bool>();
      active += on ? 1 : 0;
      if (!on && !dropped) {
        dropped = true;
        continue;
      }
      listed.push_back(m);
    }
    auto all = static_cast<long long>(members.size());
    return {
        {"organizationMembersCount", active + count_bias},
        {"currentUser", {{"organization", {{"organization_memberships_count", all + count_bias}}}}},
        {"organizationMemberships", listed}};
  }
  return {{"organizationMemberships", connection(members, vars.value("after", Json()),
                                                 vars.value("first", std::size_t{100}))}};
}

Json FakeHealthie::client_counts(const Json& vars) const {
  if (m_shape == healthie::ApiShape::baseline) {
    auto active = static_cast<long long>(filter(nullptr, "active").size()) + count_bias;
    auto archived = static_cast<long long>(filter(nullptr, "archived").size());
    return {{"all", users_default_active ? active : active + archived},
            {"active", active},
            {"archived", archived}};
  }
  Json out = Json::object();
  for (int i = 0; vars.contains("a" + std::to_string(i)); ++i) {
    std::string n = std::to_string(i);
    out["s" + n] = {
        {"total_count", static_cast<long long>(filter(vars["p" + n], vars["a" + n]).size())}};
  }
  return out;
}

Json FakeHealthie::client_page(const Json& vars) const {
  std::string status = vars["status"].is_null() ? (users_default_active ? "active" : "")
                                                : vars["status"].get<std::string>();
  auto rows = filter(nullptr, status);
  std::size_t offset = vars["offset"];
  std::size_t size = vars["size"];
  Json out = Json::array();
  for (std::size_t i = offset; i < rows.size() && i < offset + size; ++i)
    out.push_back(rows[i]);
  if (duplicate_first && offset > 0 && !rows.empty())
    out[0] = rows[0];
  return {{"users", out}};
}

Json FakeHealthie::segments(const Json& vars) const {
  Json out = Json::object();
  for (int i = 0; vars.contains("f" + std::to_string(i)); ++i) {
    std::string n = std::to_string(i);
    auto rows = filter(vars["p" + n], vars["a" + n]);
    out["s" + n] = connection(rows, vars["c" + n], vars["f" + n]);
    bool later = vars["c" + n].is_string() && vars["c" + n] != "0";
    if (duplicate_first && later && !rows.empty() && !out["s" + n]["nodes"].empty())
      out["s" + n]["nodes"][0] = rows[0];
  }
  return out;
}

Json FakeHealthie::mutate(const std::string& op, const Json& input) {
  auto messages = [](const std::string& field, const std::string& text) {
    return Json::array({{{"field", field}, {"message", text}}});
  };
  if (op == "RosterCreateClient") {
    if (input.value("email", "").find('@') == std::string::npos)
      return {{"createClient",
               {{"user", nullptr}, {"messages", messages("email", "Email is invalid")}}}};
    Json c = input;
    c["id"] = std::to_string(m_next_id++);
    c["active"] = true;
    c.erase("dont_send_welcome");
    clients.push_back(c);
    return {{"createClient", {{"user", c}, {"messages", nullptr}}}};
  }
  if (op == "RosterUpdateClient") {
    for (Json& c : clients) {
      if (c["id"] != input["id"])
        continue;
      for (auto& [k, v] : input.items())
        c[k] = v;
      return {{"updateClient", {{"user", c}, {"messages", nullptr}}}};
    }
    return {
        {"updateClient", {{"user", nullptr}, {"messages", messages("id", "Client not found")}}}};
  }
  if (op == "RosterCreateMember") {
    std::string id = std::to_string(m_next_id++);
    add_member(id, input["email"], true, false, input.value("org_role", "Standard"));
    for (auto& [k, v] : input.items())
      if (k != "organization_id" && k != "send_invite_email" && k != "org_role")
        members.back()["user"][k] = v;
    return {{"createOrganizationMembership",
             {{"organizationMembership", members.back()}, {"messages", nullptr}}}};
  }
  if (op == "RosterUpdateMember") {
    for (Json& m : members) {
      if (m["user"]["id"] != input["id"])
        continue;
      for (auto& [k, v] : input.items())
        m["user"][k] = v;
      return {{"updateOrganizationMember", {{"user", m["user"]}, {"messages", nullptr}}}};
    }
  }
  if (op == "RosterUpdateMembership") {
    for (Json& m : members) {
      if (m["id"] != input["id"])
        continue;
      for (auto& [k, v] : input.items()) {
        if (k == "active")
          m["user"]["active"] = v;
        else if (k != "id" && k != "provider_to_receive_clients")
          m[k] = v;
      }
      return {
          {"updateOrganizationMembership", {{"organizationMembership", m}, {"messages", nullptr}}}};
    }
  }
  return nullptr;
}

Json FakeHealthie::run(const std::string& op, const Json& vars) {
  bool base = m_shape == healthie::ApiShape::baseline;
  if (op == "RosterPreflight")
    return {{"currentUser", null_current_user ? Json(nullptr) : caller}};
  if (op == "RosterStaff")
    return staff(vars);
  if (op == "RosterClientCounts")
    return client_counts(vars);
  if (op == "RosterClientPage")
    return client_page(vars);
  if (op == "RosterClientSegments")
    return segments(vars);
  if (op == "RosterClientSearch") {
    Json active = Json::array();
    Json archived = Json::array();
    for (const Json& c : clients)
      if (c.value("email", "") == vars["keywords"])
        (c["active"].get<bool>() ? active : archived).push_back(c);
    if (base)
      return {{"active", active}, {"archived", archived}};
    return {{"active", {{"nodes", active}}}, {"archived", {{"nodes", archived}}}};
  }
  if (op == "RosterMemberSearch") {
    Json found = Json::array();
    for (const Json& m : members) {
      if (m["user"]["email"] != vars["keywords"])
        continue;
      Json u = m["user"];
      u["organization_membership"] = {
          {"id", m["id"]}, {"is_admin", m["is_admin"]}, {"org_role", m["org_role"]}};
      found.push_back(u);
    }
    return {{"organizationMembers", base ? found : Json{{"nodes", found}}}};
  }
  if (op == "RosterUser") {
    for (const Json& c : clients)
      if (c["id"] == vars["id"])
        return {{"user", c}};
    for (const Json& m : members)
      if (m["user"]["id"] == vars["id"])
        return {{"user", m["user"]}};
    return {{"user", nullptr}};
  }
  if (op == "RosterMembership") {
    for (const Json& m : members)
      if (m["id"] == vars["id"])
        return {{"organizationMembership", m}};
    return {{"organizationMembership", nullptr}};
  }
  return mutate(op, vars.value("input", Json::object()));
}

}  // namespace rosterform::testing
