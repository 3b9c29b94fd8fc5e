#pragma once
// `init -import` runs the import that `rosterform import` would, with its
// defaults, in the same run.

#include <string>

namespace rosterform::cli {

// `progress`: the -progress mode (auto, plain, none).
[[nodiscard]] int import_with_defaults(const std::string& progress);

}  // namespace rosterform::cli
