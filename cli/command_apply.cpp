// `rosterform apply [PLANFILE]`: carry out a plan, only after approval.
//
// Without PLANFILE it plans afresh, shows the plan and asks on the terminal;
// only "yes" approves, and with no terminal it refuses unless -auto-approve
// was given. With PLANFILE it applies exactly that reviewed plan, without a
// prompt, after checking that nothing it was based on has moved.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/apply_progress.hpp"
#include "cli/apply_report.hpp"
#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/plan_options.hpp"
#include "cli/saved_plan_io.hpp"
#include "cli/session.hpp"
#include "cli/workspace_commit.hpp"
#include "engine/plan/handle.hpp"
#include "engine/render/human.hpp"
#include "engine/render/mask.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "state/state_recorder.hpp"

namespace rosterform::cli {

namespace {

struct ApplyArgs {
  SessionOptions session;
  std::string plan_file;
  bool auto_approve = false;
  bool no_color = false;
  std::string plan_max_age = "24h";
  std::string progress = "auto";
  engine::PlanOptions plan;
};

std::atomic<bool> g_interrupted{false};

extern "C" void on_sigint(int) { g_interrupted.store(true); }

engine::render::RenderOptions render_options(const ApplyArgs& args) {
  return human_render_options(args.no_color, false);
}

// The prompt Terraform users know; anything but "yes" cancels.
bool approved() {
  if (::isatty(STDIN_FILENO) == 0) {
    return false;
  }
  std::cout << "\nDo you want to perform these actions? Only 'yes' will be accepted to approve.\n"
               "  Enter a value: "
            << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

// What one run carries out: a plan, which serial it was made against, and
// which of its changes an earlier run of the same saved plan already made.
struct Execution {
  const engine::Plan& plan;
  std::string plan_hash;
  std::uint64_t base_serial = 0;
  std::vector<bool> already_applied;
  // Sent by a stopped run of this plan and found made: recorded, not sent.
  std::vector<std::pair<std::size_t, engine::RemoteUser>> settled;
  std::vector<engine::ResumePoint> resume;  // changes a stopped run got part way with
};

// Records what a stopped run made but did not record, before anything new
// is sent.
engine::Status record_settled(state::StateRecorder& recorder, Execution& run) {
  for (const auto& [index, user] : run.settled) {
    const engine::Change& c = run.plan.changes[index];
    ROSTERFORM_TRY(recorder.on_success(index, c, user));
    run.already_applied[index] = true;
    std::cout << fmt::format(
        "{}: made in Healthie (user {}) by the run that stopped, which had not recorded it; "
        "recorded now, not sent again.\n",
        engine::label(c.address), user.user_id);
  }
  return {};
}

int execute(Session& session, Execution run, const ApplyArgs& args, Progress& progress) {
  const engine::Plan& plan = run.plan;
  state::StateRecorder recorder(session.backend(), session.state_file(), session.schemas());
  if (session.held_lock()) {
    recorder.guard(*session.held_lock());
  }
  state::PlanRun journalled{run.plan_hash, run.base_serial, plan.changes.size()};
  if (auto begun = recorder.begin(session.state_present(), journalled); !begun) {
    return report_error(begun.error().message);
  }
  if (auto recorded = record_settled(recorder, run); !recorded) {
    return report_error(recorded.error().message);
  }
  engine::ApplyOptions options;
  options.parallelism = static_cast<std::size_t>(std::max(1, args.session.parallelism));
  options.interrupt = &g_interrupted;
  options.already_applied = run.already_applied;
  options.resume = run.resume;
  struct sigaction action {};
  action.sa_handler = on_sigint;
  struct sigaction previous {};
  sigaction(SIGINT, &action, &previous);
  std::size_t left = static_cast<std::size_t>(
      std::count(run.already_applied.begin(), run.already_applied.end(), false));
  ApplyProgress observer(recorder, progress,
                         run.already_applied.empty() ? plan.changes.size() : left);
  engine::ApplyReport report = engine::apply_plan(plan, session.provider(), healthie::staff_schema(),
                                                  healthie::client_schema(), observer, options);
  sigaction(SIGINT, &previous, nullptr);
  progress.finish();
  auto saved = recorder.finish();
  auto ro = render_options(args);
  auto logged = session.backend().append_audit(audit_entry_for(
      plan, report, ro, run.plan_hash, workspace_commit(session.workspace_dir())));
  std::cout << render_apply_report(plan, report);
  if (!saved) {
    return report_error(saved.error().message);
  }
  if (!logged) {
    return report_error(logged.error().message);
  }
  return report.ok() ? k_exit_ok : k_exit_error;
}

int refused(const engine::Plan& plan) {
  for (const std::string& line : engine::render::refusal_messages(plan)) {
    std::cerr << fmt::format("rosterform: error: {}\n", line);
  }
  return k_exit_refused;
}

int apply_saved(Session& session, const ApplyArgs& args, Progress& progress) {
  if (auto caller = session.check_caller(); !caller) {
    return report_error(caller.error().message);
  }
  auto saved = read_saved_plan(session, args.plan_file);
  if (!saved) {
    return report_error(saved.error().message);
  }
  auto max_age = parse_duration(args.plan_max_age, "-plan-max-age");
  if (!max_age) {
    return report_error(max_age.error().message);
  }
  auto verdict = check_saved_plan(session, *saved, args.plan_file, *max_age);
  if (!verdict) {
    return report_error(verdict.error().message);
  }
  if (verdict->nothing_left()) {
    std::cout << fmt::format(
        "The saved plan {} was already applied (state lineage {}, serial {}): all {} changes are "
        "made, and nothing is sent again.\n",
        args.plan_file, session.state_file().lineage, session.state_file().serial,
        saved->plan.changes.size());
    return k_exit_ok;
  }
  if (saved->plan.refused()) {
    return refused(saved->plan);
  }
  if (verdict->roster_changed) {
    std::cerr << fmt::format(
        "rosterform: warning: the roster files changed since {} was made; applying the plan as "
        "reviewed, without those changes (run rosterform plan to see them)\n",
        args.plan_file);
  }
  std::cout << engine::render::render_human(saved->plan, render_options(args));
  if (!saved->plan.has_changes()) {
    return k_exit_ok;
  }
  if (verdict->already_applied_count > 0) {
    std::cout << fmt::format(
        "\nResuming {}: an earlier run made {} of its {} changes, which are not sent again.\n",
        args.plan_file, verdict->already_applied_count, saved->plan.changes.size());
  }
  for (std::size_t i = 0; i < verdict->resume.size(); ++i) {
    if (const engine::ResumePoint& point = verdict->resume[i]; point.steps_done > 0) {
      std::cout << fmt::format(
          "{}: an earlier run of this plan made part of it (Healthie user {}); it goes on from "
          "step {}, not sent again from the start.\n",
          engine::label(saved->plan.changes[i].address), point.user_id, point.steps_done + 1);
    }
  }
  return execute(session,
                 {saved->plan, verdict->plan_hash, saved->serial, verdict->already_applied,
                  verdict->settled, verdict->resume},
                 args, progress);
}

int apply_fresh(Session& session, const ApplyArgs& args, Progress& progress) {
  if (auto refreshed = session.refresh(); !refreshed) {
    return report_error(refreshed.error().message);
  }
  engine::PlanOutcome outcome = session.make_plan(args.plan);
  if (outcome.diagnostics.has_errors()) {
    print_diagnostics(outcome.diagnostics);
    return report_error("no plan can be made; fix the errors above and run again");
  }
  std::cout << engine::render::render_human(outcome.plan, render_options(args));
  if (outcome.plan.refused()) {
    return refused(outcome.plan);
  }
  if (!outcome.plan.has_changes()) {
    return k_exit_ok;
  }
  if (!args.auto_approve && ::isatty(STDIN_FILENO) == 0) {
    return report_error(
        "apply needs approval, and there is no terminal to ask on: pass -auto-approve, or review "
        "a saved plan (rosterform plan -out=FILE) and run rosterform apply FILE");
  }
  if (!args.auto_approve && !approved()) {
    std::cout << "\nApply cancelled: nothing was changed.\n";
    return k_exit_error;
  }
  return execute(session,
                 {outcome.plan, state::plan_hash(outcome.plan, session.schemas()),
                  session.state_file().serial, {}, {}, {}},
                 args, progress);
}

}  // namespace

CommandFn define_apply(CLI::App& sub) {
  auto args = std::make_shared<ApplyArgs>();
  args->session.lock_operation = "apply";
  sub.add_option("planfile", args->plan_file, "A saved plan from rosterform plan -out=FILE");
  sub.add_option("--dir", args->session.state.dir, "The workspace folder (default .)");
  sub.add_flag("--auto-approve", args->auto_approve, "Skip the interactive approval");
  sub.add_option("--parallelism", args->session.parallelism, fmt::format("Changes in flight at once (default {})", SessionOptions{}.parallelism));
  sub.add_option("--plan-max-age", args->plan_max_age, "Refuse saved plans older than this (default 24h)");
  sub.add_flag("--no-color", args->no_color, "No colour in the output");
  add_progress_option(sub, args->progress);
  add_plan_shaping_options(sub, args->plan);
  add_state_options(sub, args->session.state);
  return [args] {
    auto mode = parse_progress_mode(args->progress, ::isatty(STDERR_FILENO) != 0);
    if (!mode) {
      return report_error(mode.error().message);
    }
    Progress progress(*mode);
    SessionOptions options = args->session;
    options.progress = &progress;
    auto session = Session::open(options);
    if (!session) {
      return report_error(session.error().message);
    }
    return args->plan_file.empty() ? apply_fresh(**session, *args, progress)
                                   : apply_saved(**session, *args, progress);
  };
}

}  // namespace rosterform::cli
