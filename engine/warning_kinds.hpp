#pragma once
// The warnings that a real account can give thousands of entries at once,
// each one fact said once per kind (engine/diagnostics.hpp, WarningKind):
// an import of 2,800 clients of Support members, and every plan after it,
// print one line, not 2,800. The loader and the plan share them, so a fact
// found by either is counted in one line.

#include "engine/diagnostics.hpp"

namespace rosterform::engine::warning_kinds {

inline constexpr WarningKind support_provider{
    "clients have a Support member as provider",
    "Healthie assigns clients to providers (org_role: Standard)"};

inline constexpr WarningKind deactivated_provider{
    "active clients have a deactivated provider",
    "Healthie keeps them assigned, but plan refuses to assign a client to a deactivated "
    "member: assign an active provider"};

inline constexpr WarningKind no_provider{
    "clients name no provider",
    "plan refuses to create a client without one, and leaves an existing client's provider as "
    "Healthie has it (policy require_provider_for_clients is true): add 'provider: <staff "
    "email>' or 'defaults: {clients: {provider: ...}}'"};

}  // namespace rosterform::engine::warning_kinds
