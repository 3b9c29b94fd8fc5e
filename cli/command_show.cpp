// `rosterform show [PLANFILE]`: a saved plan as people (or, with -json,
// machines) read it, PHI masked as in `plan`; without PLANFILE, what the
// state manages. Reads files only: no network, no lock.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/existing_state.hpp"
#include "cli/exit_codes.hpp"
#include "cli/json_failure.hpp"
#include "cli/plan_options.hpp"
#include "cli/state_options.hpp"
#include "engine/render/human.hpp"
#include "engine/render/json.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "state/private_file.hpp"
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
  auto text = state::read_file(args.plan_file);
  if (!text) {
    return failed(args, text.error().message);
  }
  state::Schemas schemas{healthie::staff_schema(), healthie::client_schema()};
  auto saved = state::decode_saved_plan(*text, args.plan_file, schemas);
  if (!saved) {
    return failed(args, saved.error().message);
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
  std::string path = resolve_state_path(args.state);
  auto backend = open_backend(path);
  auto s = load_existing_state(*backend, path);
  if (!s) {
    return failed(args, s.error().message);
  }
  std::cout << fmt::format("# {}: lineage {}, serial {}, {} managed users\n", path, s->lineage,
                           s->serial, s->resources.size());
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
