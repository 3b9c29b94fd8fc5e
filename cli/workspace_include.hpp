#pragma once
// Adds an include pattern to the text of rosterform.yaml, so that `import`
// can make the workspace include the files it writes (issue 16: import must
// not need a hand-written include and a second run). The edit is textual, to
// keep the user's comments and layout: a block list gains an item, a flow
// list an element, a single pattern becomes a list, and a file without
// `include:` gets one at the end.

#include <string>

namespace rosterform::cli {

[[nodiscard]] std::string with_include(const std::string& workspace_yaml, const std::string& pattern);

}  // namespace rosterform::cli
