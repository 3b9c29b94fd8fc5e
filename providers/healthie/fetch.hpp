#pragma once
// INTERNAL to rosterform_healthie: the read side, one function per phase.
// Each either returns everything or an error: completeness is a
// precondition of planning (docs/ARCHITECTURE.md).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/current_state.hpp"
#include "engine/result.hpp"
#include "providers/healthie/api_version.hpp"
#include "providers/healthie/executor.hpp"
#include "providers/healthie/user_decode.hpp"

namespace rosterform::healthie {

[[nodiscard]] engine::Result<engine::Caller> run_preflight(Executor& exec);
// The preflight's answer read as the key's user (doctor reads it too).
[[nodiscard]] engine::Result<engine::Caller> read_caller(const Classified& c);
// UNSUPPORTED_API_VERSION or MISSING_API_VERSION_HEADER.
[[nodiscard]] bool is_version_error(const Classified& c);

// Every organization membership, deactivated ones included.
[[nodiscard]] engine::Result<std::vector<engine::RemoteUser>> fetch_staff(
    Executor& exec, ApiShape shape, const engine::Caller& caller);

// The variables of one staff_query(shape) request: the organization and,
// for cursor pages, the page size and the cursor to continue after.
[[nodiscard]] std::string staff_page_variables(ApiShape shape, std::string_view organization_id,
                                               const std::optional<std::string>& after);

// Every client, active and archived: baseline offset pages in parallel.
[[nodiscard]] engine::Result<std::vector<engine::RemoteUser>> fetch_clients_offsets(
    Executor& exec, const StaffEmails& staff);

// Every client, active and archived: cursor streams (per provider where the
// counts add up) read in parallel, their segments packed into full requests.
[[nodiscard]] engine::Result<std::vector<engine::RemoteUser>> fetch_clients_cursors(
    Executor& exec, const std::vector<engine::RemoteUser>& staff, const StaffEmails& emails);

// Checks that no user id appears twice; `what` is "client" or "staff member".
[[nodiscard]] engine::Status check_unique(const std::vector<engine::RemoteUser>& users,
                                          std::string_view what);

}  // namespace rosterform::healthie
