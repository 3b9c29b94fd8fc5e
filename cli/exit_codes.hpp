#pragma once

namespace rosterform::cli {

// The exit-code contract, documented in docs/error-model.md.
inline constexpr int k_exit_ok = 0;       // success, or no changes
inline constexpr int k_exit_error = 1;    // any error
inline constexpr int k_exit_changes = 2;  // changes present, under -detailed-exitcode
inline constexpr int k_exit_refused = 3;  // a guard rail refused the plan

}  // namespace rosterform::cli
