// Preflight: who is the key, may it manage staff, is the version accepted.
#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/fetch.hpp"

namespace rosterform::healthie {

bool is_version_error(const Classified& c) {
  return c.code == "UNSUPPORTED_API_VERSION" || c.code == "MISSING_API_VERSION_HEADER";
}

engine::Result<engine::Caller> read_caller(const Classified& c) {
  simdjson::dom::element user;
  if (!c.json || !data_field(*c.json, "currentUser", user) || !user.is_object())
    return engine::fail(std::string(k_auth_failed));
  engine::Caller caller;
  caller.user_id = id_member(user, "id").value_or("");
  if (caller.user_id.empty())
    return engine::fail(std::string(k_auth_failed));
  simdjson::dom::element org;
  if (user["organization"].get(org) == simdjson::SUCCESS)
    caller.organization_id = id_member(org, "id").value_or("");
  bool admin = bool_member(user, "is_org_admin").value_or(false);
  simdjson::dom::element membership;
  if (user["organization_membership"].get(membership) == simdjson::SUCCESS) {
    admin = admin || bool_member(membership, "is_admin").value_or(false);
    caller.org_role = string_member(membership, "org_role").value_or("");
  }
  caller.is_admin = admin;
  return caller;
}

engine::Result<engine::Caller> run_preflight(Executor& exec) {
  std::optional<engine::Result<engine::Caller>> result;
  exec.enqueue(preflight_query(), "{}", [&](Classified c) {
    if (c.kind == ResponseKind::ok) {
      result = read_caller(c);
    } else if (is_version_error(c)) {
      result = engine::fail("Healthie rejected the API version: " + c.detail +
                            " (set api_version to a supported release)");
    } else {
      result = engine::fail(call_failure("preflight (currentUser)", c));
    }
  });
  ROSTERFORM_TRY(exec.run());
  return std::move(*result);
}

engine::Status check_unique(const std::vector<engine::RemoteUser>& users, std::string_view what) {
  std::unordered_map<std::string_view, int> seen;
  seen.reserve(users.size());
  for (const engine::RemoteUser& u : users) {
    if (++seen[u.user_id] == 2) {
      return engine::fail("incomplete read: " + std::string(what) + " id " + u.user_id +
                          " appeared twice across pages (the roster changed during the read?); "
                          "nothing was planned; run again");
    }
  }
  return {};
}

}  // namespace rosterform::healthie
