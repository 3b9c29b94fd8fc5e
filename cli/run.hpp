#pragma once

namespace rosterform::cli {

// Parses argv, dispatches to a command and returns the process exit code
// (docs/error-model.md). The one place that catches exceptions.
int run(int argc, char** argv);

}  // namespace rosterform::cli
