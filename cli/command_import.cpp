// `rosterform import`: start managing an existing Healthie account. Writes
// roster files for every staff member and client the key can see, then
// adopts them into the state, so that the next plan shows "No changes."
// Adoption goes through the ordinary plan and apply, so it is recorded like
// any other change, in the state journal and the audit log.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/apply_progress.hpp"
#include "cli/apply_report.hpp"
#include "cli/command.hpp"
#include "cli/command_import.hpp"
#include "cli/exit_codes.hpp"
#include "cli/plan_options.hpp"
#include "cli/session.hpp"
#include "cli/workspace_include.hpp"
#include "cli/workspace_commit.hpp"
#include "engine/diagnostics.hpp"
#include "engine/import/roster_writer.hpp"
#include "engine/plan/handle.hpp"
#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "state/private_file.hpp"
#include "state/saved_plan.hpp"
#include "state/state_recorder.hpp"

namespace rosterform::cli {

namespace fs = std::filesystem;

namespace {

struct ImportArgs {
  SessionOptions session;
  std::string out_dir = "roster";
  bool force = false;
  std::string progress = "auto";
};

// What import wrote, so that a run that fails afterwards leaves the
// workspace as it found it: import writes nothing when it would fail.
class WrittenFiles {
 public:
  engine::Status write(const std::string& path, const std::string& text) {
    auto before = fs::exists(path) ? state::read_file(path) : engine::Result<std::string>(std::string());
    if (!before) {
      return tl::unexpected(before.error());
    }
    m_undo.push_back({path, fs::exists(path), *before});
    return state::write_private_file_atomic(path, text);
  }
  void keep() { m_undo.clear(); }
  ~WrittenFiles() {
    for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it) {
      std::error_code ec;
      if (it->existed) {
        (void)state::write_private_file_atomic(it->path, it->text);
      } else {
        fs::remove(it->path, ec);
      }
    }
  }

 private:
  struct Undo {
    std::string path;
    bool existed = false;
    std::string text;
  };
  std::vector<Undo> m_undo;
};

engine::Status write_rosters(const Session& session, const ImportArgs& args,
                             const std::string& staff_path, const std::string& clients_path,
                             WrittenFiles& files) {
  for (const std::string& path : {staff_path, clients_path}) {
    if (fs::exists(path) && !args.force) {
      return engine::fail(fmt::format(
          "{} already exists; import would overwrite it. Move it away, or pass -force", path));
    }
  }
  std::error_code ec;
  fs::create_directories(fs::path(staff_path).parent_path(), ec);
  ROSTERFORM_TRY(files.write(
      staff_path, engine::staff_roster_yaml(session.current().staff, healthie::staff_schema())));
  return files.write(clients_path,
                     engine::clients_roster_yaml(session.current().clients,
                                                 healthie::client_schema(),
                                                 session.current().staff, healthie::staff_schema()));
}

std::size_t loaded_users(const Session& s) {
  return s.desired().staff.size() + s.desired().clients.size();
}

// Reads the roster back; when rosterform.yaml does not include the files
// just written, adds them to its include: list (keeping its comments) and
// reads again, so that one run is enough.
engine::Status read_back(Session& s, const ImportArgs& args, WrittenFiles& files) {
  ROSTERFORM_TRY(s.reload_roster());
  std::size_t expected = s.current().staff.size() + s.current().clients.size();
  if (loaded_users(s) >= expected) {
    return {};
  }
  std::string entry = (fs::path(args.session.state.dir) / engine::roster::k_workspace_file).string();
  auto text = state::read_file(entry);
  if (!text) {
    return tl::unexpected(text.error());
  }
  std::string patched = *text;
  for (const char* name : {"staff.yaml", "clients.yaml"}) {
    patched = with_include(patched, (fs::path(args.out_dir) / name).lexically_normal().string());
  }
  ROSTERFORM_TRY(files.write(entry, patched));
  std::cerr << fmt::format("rosterform: added {0}/staff.yaml and {0}/clients.yaml to include: in {1}\n",
                           args.out_dir, entry);
  return s.reload_roster();
}

// Import only adopts. Anything else means the files did not load as
// written (e.g. rosterform.yaml does not include them): say so rather than
// change Healthie.
engine::Status check_adopt_only(const engine::Plan& plan, const Session& session) {
  std::size_t expected = session.current().staff.size() + session.current().clients.size();
  if (loaded_users(session) < expected) {
    return engine::fail(fmt::format(
        "the imported files do not read back as {} users (rosterform.yaml includes them, but "
        "another file or an include pattern changes what they hold); nothing was written",
        expected));
  }
  for (const engine::Change& c : plan.changes) {
    if (c.action != engine::Action::adopt) {
      return engine::fail(fmt::format(
          "the imported roster does not read back as Healthie's state ({} would be {}); this is "
          "a bug in rosterform, please report it",
          engine::label(c.address),
          engine::to_string(c.action)));
    }
  }
  return {};
}

int run_import(const ImportArgs& args) {
  auto mode = parse_progress_mode(args.progress, ::isatty(STDERR_FILENO) != 0);
  if (!mode) {
    return report_error(mode.error().message);
  }
  Progress progress(*mode);
  SessionOptions options = args.session;
  options.progress = &progress;
  auto session = Session::open(options);
  if (!session) {
    return report_error(session.error().message);
  }
  Session& s = **session;
  if (auto refreshed = s.refresh(); !refreshed) {
    return report_error(refreshed.error().message);
  }
  fs::path dir = fs::path(args.session.state.dir) / args.out_dir;
  std::string staff_path = (dir / "staff.yaml").lexically_normal().string();
  std::string clients_path = (dir / "clients.yaml").lexically_normal().string();
  WrittenFiles files;  // removed again unless the import succeeds
  if (auto written = write_rosters(s, args, staff_path, clients_path, files); !written) {
    return report_error(written.error().message);
  }
  if (auto read = read_back(s, args, files); !read) {
    return report_error(fmt::format("{}; the files import wrote were removed", read.error().message));
  }
  engine::PlanOutcome outcome = s.make_plan({});
  print_diagnostics(outcome.diagnostics);  // warnings too: a plan after import prints them
  if (outcome.diagnostics.has_errors()) {
    return report_error(
        "the imported roster cannot be planned; see the errors above (the files import wrote "
        "were removed)");
  }
  if (auto only = check_adopt_only(outcome.plan, s); !only) {
    return report_error(only.error().message);  // the files are removed on return
  }
  std::string hash = state::plan_hash(outcome.plan, s.schemas());
  state::StateRecorder recorder(s.backend(), s.state_file(), s.schemas());
  state::PlanRun run{hash, s.state_file().serial, outcome.plan.changes.size()};
  if (auto begun = recorder.begin(s.state_present(), run); !begun) {
    return report_error(begun.error().message);
  }
  files.keep();  // the state now refers to them
  ApplyProgress observer(recorder, progress, outcome.plan.changes.size(), false);
  engine::ApplyReport report = engine::apply_plan(outcome.plan, s.provider(),
                                                  healthie::staff_schema(),
                                                  healthie::client_schema(), observer, {});
  progress.finish();
  if (auto saved = recorder.finish(); !saved) {
    return report_error(saved.error().message);
  }
  engine::render::RenderOptions ro{&healthie::staff_schema(), &healthie::client_schema()};
  state::AuditEntry entry =
      audit_entry_for(outcome.plan, report, ro, hash, workspace_commit(s.workspace_dir()));
  entry.operation = "import";
  if (auto logged = s.backend().append_audit(entry); !logged) {
    return report_error(logged.error().message);
  }
  std::cout << fmt::format(
      "Imported {} staff into {} and {} clients into {}; {} users adopted into the state.\n"
      "Client data is PHI: keep these files in a private repository.\n"
      "Run rosterform plan: it shows \"No changes.\"\n",
      engine::grouped_count(s.current().staff.size()), staff_path,
      engine::grouped_count(s.current().clients.size()), clients_path,
      engine::grouped_count(report.count(engine::Outcome::succeeded)));
  return report.ok() ? k_exit_ok : k_exit_error;
}

ImportArgs default_args() {
  ImportArgs args;
  args.session.lock_operation = "import";
  args.session.settings_only = true;
  return args;
}

}  // namespace

int import_with_defaults(const std::string& progress) {
  ImportArgs args = default_args();
  args.progress = progress;
  return run_import(args);
}

CommandFn define_import(CLI::App& sub) {
  auto args = std::make_shared<ImportArgs>(default_args());
  sub.add_option("--dir", args->session.state.dir, "The workspace folder (default .)");
  sub.add_option("--out-dir", args->out_dir, "Folder for the roster files, inside the workspace");
  sub.add_flag("--force", args->force, "Overwrite existing roster files");
  add_progress_option(sub, args->progress);
  add_state_options(sub, args->session.state);
  return [args] { return run_import(*args); };
}

}  // namespace rosterform::cli
