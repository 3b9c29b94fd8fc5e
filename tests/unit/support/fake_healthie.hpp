#pragma once
// Just enough of Healthie, in memory, to unit-test the provider's documents:
// it answers the provider's operations by name in either API shape, and lets
// a test spoil any call (fault) before or after it takes effect.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "providers/healthie/api_version.hpp"
#include "tests/unit/support/fake_transport.hpp"

namespace rosterform::testing {

class FakeHealthie {
 public:
  using Json = nlohmann::json;
  // Returns a response to send instead, or nullopt to answer normally.
  // `nth` counts calls of that operation from 1.
  using Fault = std::function<std::optional<http::Response>(const std::string& op, int nth)>;

  explicit FakeHealthie(healthie::ApiShape shape) : m_shape(shape) {}

  void add_member(const std::string& id, const std::string& email, bool active = true,
                  bool admin = false, const std::string& role = "Standard");
  void add_client(const std::string& id, const std::string& email, const std::string& dietitian,
                  bool active = true);

  http::Response handle(const http::Request& request);
  FakeTransport::Handler handler() {
    return [this](const http::Request& r) { return handle(r); };
  }

  Json caller = {
      {"id", "1"},
      {"is_org_admin", true},
      {"organization", {{"id", "7"}}},
      {"organization_membership", {{"id", "m1"}, {"is_admin", true}, {"org_role", "Standard"}}}};
  bool null_current_user = false;
  Fault before;               // the call is not applied
  Fault after;                // the call is applied, then its answer replaced
  std::vector<Json> members;  // {user:{...}, id, is_admin, org_role}
  std::vector<Json> clients;  // user objects
  std::map<std::string, int> calls;
  std::vector<std::string> order;  // every operation, in the order it came
  long long count_bias = 0;           // added to every count: simulates a mismatch
  bool duplicate_first = false;       // repeats the first client on the second page
  bool users_default_active = false;  // `users` without active_status lists active only
  // Connections that do not advance: `after` ignored (every page is the
  // first), a null end_cursor with has_next_page, or pages that overlap by one.
  enum class CursorFault { none, after_ignored, null_end_cursor, overlap };
  CursorFault cursor_fault = CursorFault::none;
  bool drop_deactivated_member = false;  // baseline memberships list loses one

 private:
  Json run(const std::string& op, const Json& vars);
  Json staff(const Json& vars) const;
  Json client_counts(const Json& vars) const;
  Json client_page(const Json& vars) const;
  Json segments(const Json& vars) const;
  Json mutate(const std::string& op, const Json& input);
  std::vector<Json> filter(const Json& provider, const std::string& status) const;
  Json connection(const std::vector<Json>& rows, const Json& cursor, std::size_t first) const;
  healthie::ApiShape m_shape;
  int m_next_id = 5000;
};

}  // namespace rosterform::testing
