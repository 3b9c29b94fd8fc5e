#pragma once
// What ties a rendered plan to its inputs, so that a reviewer (and the apply
// job) can tell that the plan in a pull-request comment is the plan that
// will run: the workspace, the git commit of the roster, the plan hash, the
// state's lineage and serial, and the Healthie API version. The CLI gathers
// these (cli/workspace_commit.hpp, state::plan_hash, the session); the
// renderers only print them, since engine/ never calls git or the state.

#include <cstdint>
#include <string>

namespace rosterform::engine::render {

struct PlanBinding {
  std::string workspace = "default";  // state.workspace in rosterform.yaml
  std::string commit;                 // "" when the workspace is not in a git checkout
  std::string plan_hash;              // state::plan_hash; "" when unknown
  bool state_present = false;         // false: no state yet (lineage/serial meaningless)
  std::string lineage;
  std::uint64_t serial = 0;
  std::string api_version;  // the Healthie-GraphQL-API-Version sent; "" unknown
  // Where CI keeps the full masked plan (an artefact URL); "" when not given.
  // Named when a comment is cut.
  std::string full_plan_url;
};

}  // namespace rosterform::engine::render
