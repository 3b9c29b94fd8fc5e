#include "cli/plan_binding.hpp"

#include <filesystem>

#include "cli/workspace_commit.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::cli {

engine::render::PlanBinding plan_binding(Session& session, const engine::Plan& plan,
                                         std::string full_plan_url) {
  engine::render::PlanBinding b;
  b.workspace = session.desired().state.workspace;
  b.commit = workspace_commit(session.workspace_dir());
  b.plan_hash = state::plan_hash(plan, session.schemas());
  b.state_present = session.state_present();
  b.lineage = session.state_file().lineage;
  b.serial = session.state_file().serial;
  b.api_version = session.provider().config().api_version.header;
  b.full_plan_url = std::move(full_plan_url);
  return b;
}

engine::render::PlanBinding saved_plan_binding(const state::SavedPlan& saved,
                                               const std::string& workspace_dir) {
  engine::render::PlanBinding b;
  b.workspace = workspace_name(workspace_dir);
  state::Schemas schemas{healthie::staff_schema(), healthie::client_schema()};
  b.plan_hash = state::plan_hash(saved.plan, schemas);
  b.state_present = saved.state_present;
  b.lineage = saved.lineage;
  b.serial = saved.serial;
  return b;
}

std::string workspace_name(const std::string& dir) {
  if (!std::filesystem::exists(std::filesystem::path(dir) / engine::roster::k_workspace_file)) {
    return engine::StateSettings{}.workspace;
  }
  return engine::roster::load_workspace(dir, healthie::staff_schema(), healthie::client_schema())
      .state.state.workspace;
}

}  // namespace rosterform::cli
