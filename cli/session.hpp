#pragma once
// Everything plan and apply share before they diverge: load the roster, open
// the provider and check the key, read Healthie completely, load the state,
// and make the plan. Each step fails with one clear message (or, for the
// roster, with every diagnostic printed first); nothing is planned from a
// partial read.

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "cli/progress.hpp"
#include "cli/state_options.hpp"
#include "engine/plan/diff.hpp"
#include "engine/roster/loader.hpp"
#include "providers/healthie/healthie_provider.hpp"
#include "state/hmac_hasher.hpp"
#include "state/prior_state_view.hpp"

namespace rosterform::cli {

struct SessionOptions {
  StateOptions state;         // state.dir is the workspace folder
  // -parallelism; the provider's own default, so that the help, the docs
  // and a library caller all see one number.
  int parallelism = healthie::ProviderConfig{}.parallelism;
  std::string lock_operation; // empty: take no lock (plan without -out may skip it)
  // import: only the workspace settings matter at first, since the roster
  // files are written later in the run; errors in them are not fatal yet.
  bool settings_only = false;
  // When set, the roster's diagnostics are collected here for the caller
  // (plan -json puts them in its one JSON object) instead of printed.
  engine::Diagnostics* roster_diagnostics = nullptr;
  // Where the read's progress and the provider's notes go (cli/progress.hpp);
  // null: the notes straight to stderr, no progress. Outlives the session.
  Progress* progress = nullptr;
};

class Session {
 public:
  // Loads the roster and the state and opens the provider; no request yet.
  static engine::Result<std::unique_ptr<Session>> open(const SessionOptions& options);
  ~Session();

  // Reads the roster files again (import writes them mid-session); prints
  // the diagnostics and fails if there are errors.
  engine::Status reload_roster();

  // The preflight, and the check that the key can see and manage the whole
  // roster (healthie::check_roster_scope). refresh() runs it first.
  engine::Status check_caller();

  // Preflight and the complete read of Healthie.
  engine::Status refresh();

  [[nodiscard]] engine::PlanOutcome make_plan(const engine::PlanOptions& options) const;

  [[nodiscard]] const engine::DesiredState& desired() const { return m_roster.state; }
  [[nodiscard]] const engine::CurrentState& current() const { return m_current; }
  [[nodiscard]] healthie::HealthieProvider& provider() { return *m_provider; }
  [[nodiscard]] state::Backend& backend() { return *m_backend; }
  [[nodiscard]] const state::StateFile& state_file() const { return m_state; }
  [[nodiscard]] bool state_present() const { return m_state_present; }
  [[nodiscard]] const engine::ValueHasher& hasher() const { return *m_hasher; }
  // The lock this session holds, if it took one.
  [[nodiscard]] const std::optional<state::LockInfo>& held_lock() const { return m_lock; }
  // The local state file; empty for a team backend (only a file can be
  // committed by mistake: cli/state_privacy_notice.hpp).
  [[nodiscard]] const std::string& local_state_path() const { return m_state_path; }
  // The state key the workspace configures, or null (state/state_key.hpp).
  [[nodiscard]] const state::StateKey* state_key() const { return m_key ? &*m_key : nullptr; }
  [[nodiscard]] const std::string& workspace_dir() const { return m_dir; }
  [[nodiscard]] state::Schemas schemas() const;
  // SHA-256 over the roster files' bytes, in load order.
  [[nodiscard]] std::string roster_digest() const;

 private:
  Session() = default;
  engine::Status load_roster(bool settings_only, engine::Diagnostics* sink);
  engine::Status take_lock(const SessionOptions& options);

  std::string m_dir;
  engine::Diagnostics* m_diagnostics_sink = nullptr;
  Progress* m_progress = nullptr;
  std::shared_ptr<std::atomic<bool>> m_reading = std::make_shared<std::atomic<bool>>(false);
  engine::roster::LoadResult m_roster;
  std::unique_ptr<healthie::HealthieProvider> m_provider;
  engine::CurrentState m_current;
  std::string m_state_path;
  std::optional<state::StateKey> m_key;
  std::unique_ptr<state::Backend> m_backend;
  std::optional<state::LockInfo> m_lock;
  state::StateFile m_state;
  bool m_state_present = false;
  engine::PriorState m_prior;
  std::unique_ptr<state::HmacHasher> m_hasher;
};

// Prints every diagnostic, one per line, to standard error; repeated
// warnings as one line with a count (engine::format_diagnostics_collapsed).
void print_diagnostics(const engine::Diagnostics& diagnostics);

// How every command loads the roster: with the provider's supported API
// versions, so an unsupported `healthie.api_version` is an error at its line.
[[nodiscard]] engine::roster::LoadOptions roster_load_options();

// The provider's configuration from rosterform.yaml's healthie section and
// the environment (the key, ROSTERFORM_ENDPOINT).
// With `progress`, read progress goes there while `reading` is set;
// without, notices go straight to standard error.
[[nodiscard]] engine::Result<healthie::ProviderConfig> provider_config(
    const engine::DesiredState& desired, int parallelism, Progress* progress = nullptr,
    std::shared_ptr<std::atomic<bool>> reading = {});

}  // namespace rosterform::cli
