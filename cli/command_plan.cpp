// `rosterform plan`: read the roster, Healthie and the state, and show what
// apply would do. Never changes Healthie.
//
//   rosterform plan [-dir DIR] [-out FILE] [-detailed-exitcode] [-json|-markdown]
//                   [-full-plan-url URL]
//                   [-lock=false] [-lock-timeout=DURATION]
//                   [-target KEY ...] [-parallelism N] [-no-color] [-show-sensitive]
//                   [-refresh-only] [-allow-mass-deactivation]
//                   [-allow-protected-deactivation] [-allow-orphaned-clients]
//
// Like Terraform's, plan holds the state lock while it reads, so it never
// plans from a state an apply is changing (-lock=false skips it).
//
// Exit codes (docs/error-model.md): 0 done (no changes, or changes without
// -detailed-exitcode), 1 error, 2 changes under -detailed-exitcode (for
// -refresh-only: drift), 3 a guard rail refused the plan.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/plan_binding.hpp"
#include "cli/json_failure.hpp"
#include "cli/plan_options.hpp"
#include "cli/saved_plan_io.hpp"
#include "cli/session.hpp"
#include "engine/render/human.hpp"
#include "engine/render/json.hpp"
#include "engine/render/markdown.hpp"
#include "engine/render/mask.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::cli {

namespace {

struct PlanArgs {
  SessionOptions session;
  std::string out;
  bool detailed_exitcode = false;
  bool json = false;
  bool markdown = false;
  bool no_color = false;
  bool show_sensitive = false;
  std::string full_plan_url;  // -full-plan-url: named when the -markdown comment is cut
  bool lock = true;  // -lock=false: plan without the state lock
  std::string progress = "auto";
  engine::PlanOptions plan;
};

// -json and -markdown never colour and never reveal PHI.
engine::render::RenderOptions render_options(const PlanArgs& args) {
  bool human = !args.json && !args.markdown;
  engine::render::RenderOptions o =
      human_render_options(args.no_color || !human, args.show_sensitive && human);
  return o;
}

void print_plan(Session& session, const engine::PlanOutcome& outcome, const PlanArgs& args) {
  auto ro = render_options(args);
  if (args.json) {
    std::cout << engine::render::render_json(outcome.plan, outcome.diagnostics, ro,
                                             plan_binding(session, outcome.plan, args.full_plan_url));
  } else if (args.markdown) {
    std::cout << engine::render::render_markdown(
        outcome.plan, ro, plan_binding(session, outcome.plan, args.full_plan_url));
  } else {
    std::cout << engine::render::render_human(outcome.plan, ro);
  }
}

// Where "saved the plan" goes: stderr when stdout is a machine format.
std::ostream& notes(const PlanArgs& args) { return (args.json || args.markdown) ? std::cerr : std::cout; }

// A failure: one line on stderr, or under -json the one JSON object, with
// the roster's diagnostics when they are why.
int failed(const PlanArgs& args, std::string_view message, const engine::Diagnostics& roster = {}) {
  return args.json ? print_json_failure(roster, message) : report_error(message);
}

int save(const Session& session, const engine::Plan& plan, const PlanArgs& args) {
  if (plan.refresh_only) {
    return failed(args, "-out cannot save a -refresh-only plan: it has no changes to apply");
  }
  if (auto written = write_saved_plan(session, plan, args.out); !written) {
    return failed(args, written.error().message);
  }
  notes(args) << fmt::format("\nSaved the plan to: {}\nTo perform exactly these actions, run: "
                             "rosterform apply {}\n",
                             args.out, args.out);
  return k_exit_ok;
}

int run_plan(const PlanArgs& args) {
  if (args.json && args.markdown) {
    return report_error("-json and -markdown are alternatives: choose one");
  }
  // Checked even with -lock=false: a flag is never accepted and ignored.
  if (auto timeout = parse_duration(args.session.state.lock_timeout, "-lock-timeout"); !timeout) {
    return failed(args, timeout.error().message);
  }
  auto mode = parse_progress_mode(args.progress, ::isatty(STDERR_FILENO) != 0);
  if (!mode) {
    return failed(args, mode.error().message);
  }
  Progress progress(*mode);
  engine::Diagnostics roster;
  SessionOptions options = args.session;
  options.progress = &progress;
  options.lock_operation = args.lock ? "plan" : "";
  // The roster's diagnostics are held back and said with the plan's own,
  // so that a warning kind the loader and the plan both give (a client's
  // Support or deactivated provider) is one summary line, not two.
  options.roster_diagnostics = &roster;
  auto session = Session::open(options);
  if (!session) {
    if (!args.json) {
      print_diagnostics(roster);
    }
    return failed(args, session.error().message, roster);
  }
  if (args.json) {
    print_diagnostics(roster);  // the roster's warnings, on stderr as without -json
  }
  if (auto refreshed = (*session)->refresh(); !refreshed) {
    if (!args.json) {
      print_diagnostics(roster);
    }
    return failed(args, refreshed.error().message);
  }
  engine::PlanOutcome outcome = (*session)->make_plan(args.plan);
  if (!args.json) {
    engine::Diagnostics all = roster;
    all.append(outcome.diagnostics);
    print_diagnostics(all);
  }
  if (outcome.diagnostics.has_errors()) {
    if (args.json) {
      print_plan(**session, outcome, args);
    }
    return report_error("no plan can be made; fix the errors above and run again");
  }
  print_plan(**session, outcome, args);
  if (outcome.plan.refused()) {
    for (const std::string& line : engine::render::refusal_messages(outcome.plan)) {
      std::cerr << fmt::format("rosterform: error: {}\n", line);
    }
    if (!args.out.empty()) {
      std::cerr << "rosterform: the refused plan was not saved\n";
    }
    return k_exit_refused;
  }
  if (!args.out.empty()) {
    if (int rc = save(**session, outcome.plan, args); rc != k_exit_ok) {
      return rc;
    }
  }
  bool changes = outcome.plan.refresh_only ? !outcome.plan.drift.empty() : outcome.plan.has_changes();
  return args.detailed_exitcode && changes ? k_exit_changes : k_exit_ok;
}

}  // namespace

CommandFn define_plan(CLI::App& sub) {
  auto args = std::make_shared<PlanArgs>();
  sub.add_option("--dir", args->session.state.dir, "The workspace folder (default .)");
  sub.add_option("--out", args->out, "Save the plan to FILE (0600) for rosterform apply FILE");
  sub.add_flag("--detailed-exitcode", args->detailed_exitcode,
               "Exit 0 with no changes, 2 with changes, 1 on error, 3 when refused");
  sub.add_flag("--json", args->json, "Print the plan as JSON (docs/plan-format.md)");
  sub.add_flag("--markdown", args->markdown, "Print the plan as a pull-request comment");
  sub.add_option("--full-plan-url", args->full_plan_url,
                 "Where CI keeps the full masked plan; named when the comment is cut");
  sub.add_option("--parallelism", args->session.parallelism, fmt::format("Requests in flight at once (default {})", SessionOptions{}.parallelism));
  sub.add_flag("--no-color", args->no_color, "No colour in the output");
  sub.add_flag("--show-sensitive", args->show_sensitive,
               "Show PHI values in the human plan (never in -json or -markdown)");
  sub.add_flag("--refresh-only", args->plan.refresh_only,
               "Show only what changed in Healthie outside rosterform");
  sub.add_flag("--lock", args->lock,
               "Hold the state lock while planning (default true; -lock=false skips it)");
  add_progress_option(sub, args->progress);
  add_plan_shaping_options(sub, args->plan);
  add_state_options(sub, args->session.state);
  return [args] { return run_plan(*args); };
}

}  // namespace rosterform::cli
