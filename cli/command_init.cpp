// `rosterform init [-import]`: starts a workspace in the current folder (or
// -chdir): a commented rosterform.yaml, the roster's JSON Schema beside it
// (the modeline in rosterform.yaml points editors at it), and .gitignore
// entries for the state folder and saved plans. Never overwrites a file;
// with -import it then imports the account in the same run.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/command_import.hpp"
#include "cli/exit_codes.hpp"
#include "cli/plan_options.hpp"
#include "cli/progress.hpp"
#include "cli/roster_schema.hpp"
#include "engine/roster/loader.hpp"
#include "state/private_file.hpp"

namespace rosterform::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_schema_file = "roster.schema.json";

constexpr const char* k_workspace_yaml = R"(# yaml-language-server: $schema=./roster.schema.json
#
# A rosterform workspace (docs/roster-format.md). `rosterform validate`
# checks it and every file it includes; `rosterform plan` shows what would
# change in Healthie; `rosterform import` writes roster/staff.yaml and
# roster/clients.yaml from the account and adds them to include: below.
version: 1

healthie:
  endpoint: https://staging-api.gethealthie.com/graphql  # ROSTERFORM_ENDPOINT overrides it
  api_version: "2026-01-01"
  api_key_env: HEALTHIE_API_KEY  # the variable holding the key; the key never lives in a file

state:
  path: .rosterform/state.json   # keep it out of Git (.gitignore)

policy:
  on_removal: deactivate         # Healthie cannot delete users, only deactivate them
  authoritative: false           # Healthie users absent from the roster are left alone
  max_deactivations: 25%         # more refuse the plan (-allow-mass-deactivation)
  max_updates: 50%               # more updates refuse it (-allow-mass-update)
  max_reassignments: 25%         # more clients moved to another provider (-allow-mass-reassignment)
  protected: []                  # emails never deactivated (-allow-protected-deactivation)

# The roster files, as globs relative to this folder.
include: []
)";

constexpr const char* k_gitignore_lines[] = {".rosterform/", "*.tfplan", "*.plan.bin"};

struct InitArgs {
  bool import = false;
  std::string progress = "auto";
};

engine::Status refuse_existing(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    if (fs::exists(p)) {
      return engine::fail(fmt::format(
          "{} already exists: init never overwrites a file (this folder is already a workspace? "
          "run rosterform validate)",
          p));
    }
  }
  return {};
}

// Appends the lines .gitignore lacks; says which it added.
engine::Result<std::vector<std::string>> update_gitignore() {
  std::string text;
  if (fs::exists(".gitignore")) {
    auto read = state::read_file(".gitignore");
    if (!read) {
      return tl::unexpected(read.error());
    }
    text = *read;
  }
  std::vector<std::string> added;
  std::string out = text;
  for (const char* line : k_gitignore_lines) {
    if (("\n" + text).find(fmt::format("\n{}\n", line)) == std::string::npos) {
      if (!out.empty() && out.back() != '\n') {
        out += '\n';
      }
      out += fmt::format("{}\n", line);
      added.emplace_back(line);
    }
  }
  if (!added.empty()) {
    ROSTERFORM_TRY(state::write_private_file_atomic(".gitignore", out));
  }
  return added;
}

int run_init(const InitArgs& args) {
  const std::string workspace_file(engine::roster::k_workspace_file);
  if (auto refused = refuse_existing({workspace_file, k_schema_file}); !refused) {
    return report_error(refused.error().message);
  }
  if (auto w = state::write_private_file_atomic(workspace_file, k_workspace_yaml); !w) {
    return report_error(w.error().message);
  }
  if (auto w = state::write_private_file_atomic(k_schema_file, roster_schema_text()); !w) {
    return report_error(w.error().message);
  }
  auto ignored = update_gitignore();
  if (!ignored) {
    return report_error(ignored.error().message);
  }
  std::cout << fmt::format(
      "Created {} and {}{}.\nNext: export HEALTHIE_API_KEY=<an organization admin's API key>, "
      "then rosterform import (or write roster files and add them to include:).\n",
      engine::roster::k_workspace_file, k_schema_file,
      ignored->empty() ? std::string()
                       : fmt::format("; .gitignore now ignores {}", fmt::join(*ignored, ", ")));
  if (!args.import) {
    return k_exit_ok;
  }
  std::cout << "\n";
  return import_with_defaults(args.progress);
}

}  // namespace

CommandFn define_init(CLI::App& sub) {
  auto args = std::make_shared<InitArgs>();
  sub.add_flag("--import", args->import, "Then import the Healthie account in the same run");
  add_progress_option(sub, args->progress);
  return [args] { return run_init(*args); };
}

}  // namespace rosterform::cli
