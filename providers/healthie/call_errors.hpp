#pragma once
// The words for a call that failed for good, shared by preflight, fetch and
// mutations so the same trouble always reads the same way.

#include <string>
#include <string_view>

#include "providers/healthie/response.hpp"

namespace rosterform::healthie {

inline constexpr std::string_view k_auth_failed =
    "authentication failed: check the key and that it is sent as Authorization: Basic";

// "<what>: <why>[, and what to do]". `what` names the operation and record
// by id or roster key, never by a PHI value.
[[nodiscard]] std::string call_failure(std::string_view what, const Classified& c);

// Why a mutation's outcome is unknown (outcome_unknown(c)), in a few words
// for "the outcome of X is unknown (<why>)".
[[nodiscard]] std::string unknown_reason(const Classified& c);

}  // namespace rosterform::healthie
