#include "cli/command.hpp"

namespace rosterform::cli {

CommandFn define_force_unlock(CLI::App& sub) { return define_not_implemented(sub); }

}  // namespace rosterform::cli
