#pragma once
// The sections only rosterform.yaml may hold: version, healthie, state,
// policy and include. Each is read into DesiredState (or the include list)
// with the same checks and messages as roster entries.

#include <span>
#include <string_view>

#include "engine/roster/load_context.hpp"
#include "engine/roster/yaml_tree.hpp"

namespace rosterform::engine::roster {

// The workspace-only top-level keys, for "belongs in rosterform.yaml".
[[nodiscard]] std::span<const std::string_view> workspace_sections();

// When rosterform.yaml set no valid `state.path`: checks that the default
// one does not lead out of the workspace through a symlink (a committed
// `.rosterform -> /etc`, say).
void check_default_state_path(LoadContext& ctx);

// Reads section `name`; false when `name` is not a workspace section.
bool read_workspace_section(LoadContext& ctx, std::string_view name, const NodeArena& arena,
                            NodeIndex value);

}  // namespace rosterform::engine::roster
