#pragma once
// Under -json a command prints one JSON object on stdout whatever happens,
// so that a CI parser handles one shape: the plan (or saved plan) when there
// is one, otherwise this failure object. Its diagnostics have the shape
// `validate -json` uses (docs/roster-format.md, "Validating"); the exit code
// is the one the command returns without -json.

#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/diagnostics.hpp"

namespace rosterform::cli {

// [{"severity", "message", "text", "file", "line", "column", "related"?}]
// (a location that is not known has file "" and line 0).
[[nodiscard]] nlohmann::json diagnostics_json(const engine::Diagnostics& diagnostics);

// {"format_version": "1.0", "valid": false, "error_count", "warning_count",
//  "diagnostics"}: `diagnostics`, then `message` as an error without a
// location unless `diagnostics` already holds an error (the roster's own
// errors say everything). Returns the error exit code.
int print_json_failure(const engine::Diagnostics& diagnostics, std::string_view message);

}  // namespace rosterform::cli
