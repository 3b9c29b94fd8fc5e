#include "cli/plan_options.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/exit_codes.hpp"
#include "engine/output/console.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::cli {

int report_error(std::string_view message) {
  std::cerr << fmt::format("rosterform: error: {}\n", message);
  return k_exit_error;
}

bool no_color_requested() {
  const char* v = std::getenv("NO_COLOR");
  return v != nullptr && *v != '\0';
}

engine::render::RenderOptions human_render_options(bool no_color, bool show_sensitive) {
  engine::render::RenderOptions o;
  o.staff = &healthie::staff_schema();
  o.client = &healthie::client_schema();
  o.color = !no_color && !no_color_requested() && ::isatty(STDOUT_FILENO) != 0;
  o.show_sensitive = show_sensitive;
  engine::output::allow_colour_on_stdout(o.color);
  return o;
}

void add_plan_shaping_options(CLI::App& sub, engine::PlanOptions& plan) {
  sub.add_option("--target", plan.targets, "Only this address or key (repeatable)");
  sub.add_flag("--allow-mass-deactivation", plan.overrides.mass_deactivation,
               "Allow more deactivations than policy.max_deactivations (this rule only)");
  sub.add_flag("--allow-protected-deactivation", plan.overrides.protected_accounts,
               "Allow deactivating protected accounts (this rule only)");
  sub.add_flag("--allow-orphaned-clients", plan.overrides.provider_with_clients,
               "Allow deactivating a provider with active clients and no reassignment");
  sub.add_flag("--allow-mass-update", plan.overrides.mass_update,
               "Allow more updates than policy.max_updates (this rule only)");
  sub.add_flag("--allow-mass-reassignment", plan.overrides.mass_reassignment,
               "Allow moving more clients to another provider than policy.max_reassignments");
  sub.add_flag("--allow-no-admin", plan.overrides.no_admin,
               "Allow leaving the organization without an active admin (this rule only)");
}

}  // namespace rosterform::cli
