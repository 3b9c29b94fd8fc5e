#pragma once
// The roster's JSON Schema text, as `rosterform schema` prints it; `init`
// writes the same text beside a new workspace's rosterform.yaml.

#include <string>

namespace rosterform::cli {

[[nodiscard]] std::string roster_schema_text();

}  // namespace rosterform::cli
