#include "cli/existing_state.hpp"

#include <fmt/format.h>

namespace rosterform::cli {

engine::Result<state::StateFile> load_existing_state(state::Backend& backend) {
  auto s = backend.load();  // first: a lost state is its own error
  if (!s) {
    return s;
  }
  auto exists = backend.state_exists();
  if (!exists) {
    return tl::unexpected(exists.error());
  }
  if (!*exists) {
    return engine::fail(fmt::format(
        "no state at {}: nothing is managed yet (rosterform import adopts an existing account; "
        "rosterform apply creates the state)",
        backend.name()));
  }
  return s;
}

}  // namespace rosterform::cli
