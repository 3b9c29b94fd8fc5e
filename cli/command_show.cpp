// `rosterform show [PLANFILE] [-json]`: a saved plan as people (or, with
// -json, machines and policy tools) read it, PHI masked as in `plan`;
// without PLANFILE, what the state manages, named by handles (never a hidden
// address) and, with -json, as JSON (cli/state_view_json.hpp). Reads only:
// no Healthie, no lock.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/existing_state.hpp"
#include "cli/exit_codes.hpp"
#include "cli/backend_factory.hpp"
#include "cli/plan_binding.hpp"
#include "cli/json_failure.hpp"
#include "cli/plan_options.hpp"
#include "cli/saved_plan_io.hpp"
#include "cli/state_handles.hpp"
#include "cli/state_options.hpp"
#include "cli/state_view_json.hpp"
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

// Under -json, a failure is the one JSON object (cli/json_failure.hpp).
int failed(const ShowArgs& args, std::string_view message) {
  return args.json ? print_json_failure({}, message) : report_error(message);
}

int show_plan(const ShowArgs& args) {
  auto key = resolve_state_key(args.state);
  if (!key) {
    return failed(args, key.error().message);
  }
  state::Schemas schemas{healthie::staff_schema(), healthie::client_schema()};
  auto saved = read_saved_plan_file(args.plan_file, schemas, key->has_value() ? &**key : nullptr);
  if (!saved) {
    return failed(args, saved.error().message);
  }
  auto ro = human_render_options(args.no_color || args.json, false);
  if (args.json) {
    std::cout << engine::render::render_json(saved->plan, {}, ro,
                                             saved_plan_binding(*saved, args.state.dir));
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
    return failed(args, backend.error().message);
  }
  auto s = load_existing_state(**backend);
  if (!s) {
    return failed(args, s.error().message);
  }
  if (args.json) {  // load_existing_state refused a state that is not there
    std::cout << state_view_json(
        *s, {workspace_name(args.state.dir), workspace_state_settings(args.state.dir).backend,
             true});
    return k_exit_ok;
  }
  std::cout << fmt::format("# {}: lineage {}, serial {}, {} managed users\n",
                           (*backend)->name(), s->lineage, s->serial, s->resources.size());
  for (const auto& [address, r] : s->resources) {
    std::cout << fmt::format("{}  user {}{}\n", state_handle(address, r), r.user_id,
                             r.membership_id.empty() ? "" : ", membership " + r.membership_id);
  }
  return k_exit_ok;
}

}  // namespace

CommandFn define_show(CLI::App& sub) {
  auto args = std::make_shared<ShowArgs>();
  sub.add_option("planfile", args->plan_file, "A saved plan; without it, the state");
  sub.add_flag("--json", args->json, "As JSON: the saved plan, masked (docs/plan-format.md), or the state (docs/state-format.md)");
  sub.add_flag("--no-color", args->no_color, "No colour in the output");
  add_state_options(sub, args->state);
  return [args] { return args->plan_file.empty() ? show_state(*args) : show_plan(*args); };
}

}  // namespace rosterform::cli
