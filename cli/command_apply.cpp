#include "cli/command.hpp"

namespace rosterform::cli {

CommandFn define_apply(CLI::App& sub) { return define_not_implemented(sub); }

}  // namespace rosterform::cli
