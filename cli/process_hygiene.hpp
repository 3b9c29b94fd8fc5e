#pragma once
// A core dump of a running plan holds the API key and the patients read
// from Healthie, and lands wherever the system puts cores (a CI runner's
// workspace, systemd-coredump, apport). So rosterform forbids them for its
// whole run: RLIMIT_CORE 0 (no core file) and PR_SET_DUMPABLE 0 (no core
// pipe handler, and no ptrace or /proc/PID/mem reads by other processes of
// the same user). ROSTERFORM_ALLOW_CORE_DUMPS=1 lifts both for debugging.

#include <string>

namespace rosterform::cli {

inline constexpr const char* k_allow_core_dumps_env = "ROSTERFORM_ALLOW_CORE_DUMPS";

// Applies the rule above; returns a warning to print when it could not
// (empty when all is well or the user opted out).
[[nodiscard]] std::string forbid_core_dumps();

}  // namespace rosterform::cli
