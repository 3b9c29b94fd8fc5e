// `rosterform show [PLANFILE]`: a saved plan as people (or, with -json,
// machines) read it, PHI masked as in `plan`; without PLANFILE, what the
// state manages. Reads files only: no network, no lock.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/backend_factory.hpp"
#include "cli/plan_options.hpp"
#include "cli/saved_plan_io.hpp"
#include "cli/state_options.hpp"
#include "engine/render/human.hpp"
#include "engine/render/json.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "state/saved_plan.hpp"

namespace rosterform::cli {

namespace {

struct ShowArgs {
  StateOptions state;
  std::string plan_file;
  bool json = false;
  bool no_color = false;
};

int show_plan(const ShowArgs& args) {
  auto key = resolve_state_key(args.state);
  if (!key) {
    return report_error(key.error().message);
  }
  state::Schemas schemas{healthie::staff_schema(), healthie::client_schema()};
  auto saved = read_saved_plan_file(args.plan_file, schemas, key->has_value() ? &**key : nullptr);
  if (!saved) {
    return report_error(saved.error().message);
  }
  auto ro = human_render_options(args.no_color || args.json, false);
  if (args.json) {
    std::cout << engine::render::render_json(saved->plan, {}, ro);
  } else {
    std::cout << fmt::format("Saved plan {} (made {}, state serial {}):\n\n", args.plan_file,
                             saved->created, saved->serial);
    std::cout << engine::render::render_human(saved->plan, ro);
  }
  return k_exit_ok;
}

int show_state(const ShowArgs& args) {
  auto backend = open_backend(args.state);
  if (!backend) {
    return report_error(backend.error().message);
  }
  auto s = (*backend)->load();
  if (!s) {
    return report_error(s.error().message);
  }
  std::cout << fmt::format("# {}: lineage {}, serial {}, {} managed users\n",
                           (*backend)->name(), s->lineage, s->serial, s->resources.size());
  for (const auto& [address, r] : s->resources) {
    std::cout << fmt::format("{}  user {}{}\n", address, r.user_id,
                             r.membership_id.empty() ? "" : ", membership " + r.membership_id);
  }
  return k_exit_ok;
}

}  // namespace

CommandFn define_show(CLI::App& sub) {
  auto args = std::make_shared<ShowArgs>();
  sub.add_option("planfile", args->plan_file, "A saved plan; without it, the state");
  sub.add_flag("--json", args->json, "The saved plan as JSON (docs/plan-format.md), masked");
  sub.add_flag("--no-color", args->no_color, "No colour in the output");
  add_state_options(sub, args->state);
  return [args] { return args->plan_file.empty() ? show_state(*args) : show_plan(*args); };
}

}  // namespace rosterform::cli
