#include "cli/existing_state.hpp"

#include <fmt/format.h>

namespace rosterform::cli {

engine::Result<state::StateFile> load_existing_state(state::Backend& backend,
                                                     const std::string& path) {
  auto s = backend.load();
  if (!s) {
    return s;
  }
  // Only a fresh state has serial 0 and nothing in it: every save bumps the
  // serial, and a journal folded in adds resources.
  if (s->serial == 0 && s->resources.empty()) {
    return engine::fail(fmt::format(
        "no state at {}: nothing is managed yet (rosterform import adopts an existing account; "
        "rosterform apply creates the state)",
        path));
  }
  return s;
}

}  // namespace rosterform::cli
