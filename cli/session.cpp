#include "cli/session.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/state_privacy_notice.hpp"
#include "providers/healthie/api_key.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "cli/backend_factory.hpp"
#include "cli/env_var.hpp"
#include "state/crypto.hpp"
#include "state/private_file.hpp"
#include "state/state_repair.hpp"

namespace rosterform::cli {

namespace fs = std::filesystem;

namespace {

std::string state_path_for(const SessionOptions& options, const engine::DesiredState& desired) {
  if (!options.state.state_path.empty()) {
    return options.state.state_path;
  }
  return state_path_in(options.state.dir, desired.state.path);
}

}  // namespace

// The endpoint, key and limits for the provider. ROSTERFORM_ENDPOINT
// overrides `healthie.endpoint` (the demo and tests point it at the
// simulator); the key only ever comes from the environment.
engine::Result<healthie::ProviderConfig> provider_config(const engine::DesiredState& desired,
                                                         int parallelism, Progress* progress,
                                                         std::shared_ptr<std::atomic<bool>> reading) {
  healthie::ProviderConfig config;
  const engine::HealthieSettings& h = desired.healthie;
  const std::string endpoint = env_or_empty("ROSTERFORM_ENDPOINT");
  config.endpoint = endpoint.empty() ? h.endpoint : endpoint;
  config.api_key = env_or_empty(h.api_key_env);
  if (config.api_key.empty()) {
    return engine::fail(fmt::format(
        "no API key: set the environment variable {} (named by healthie.api_key_env in "
        "rosterform.yaml) to a Healthie API key",
        h.api_key_env));
  }
  if (auto problem = healthie::api_key_problem(config.api_key)) {
    return engine::fail(fmt::format("the API key in {} was not sent: {}", h.api_key_env, *problem));
  }
  // The loader already refused an unsupported version, at its line.
  auto version = healthie::parse_api_version(h.api_version);
  if (!version) {
    return tl::unexpected(version.error());
  }
  config.api_version = *version;
  config.shard = h.authorization_shard;
  config.max_requests_per_second = h.max_requests_per_second.value_or(0.0);
  if (h.read_timeout) {
    config.read_timeout = *h.read_timeout;
  }
  if (progress != nullptr) {
    config.on_progress = [progress](std::string_view text) { progress->note(text); };
    // Only during the complete read: apply's look-ups read pages too.
    config.on_read_progress = [progress, reading](std::string_view phase, std::uint64_t read,
                                                  std::uint64_t total) {
      if (reading->load()) {
        progress->update(phase, read, total);
      }
    };
  } else {
    config.on_progress = [](std::string_view text) { std::cerr << text << "\n"; };
  }
  config.parallelism = parallelism;
  return config;
}

engine::roster::LoadOptions roster_load_options() {
  engine::roster::LoadOptions options;
  options.api_versions = healthie::supported_version_dates();
  return options;
}

void print_diagnostics(const engine::Diagnostics& diagnostics) {
  for (const std::string& line : engine::format_diagnostics_collapsed(diagnostics)) {
    std::cerr << line << "\n";
  }
}

Session::~Session() {
  if (m_lock && m_backend) {
    (void)m_backend->unlock(*m_lock);
  }
}

state::Schemas Session::schemas() const {
  return {healthie::staff_schema(), healthie::client_schema()};
}

engine::Result<std::unique_ptr<Session>> Session::open(const SessionOptions& options) {
  std::unique_ptr<Session> s(new Session());
  s->m_dir = options.state.dir;
  s->m_diagnostics_sink = options.roster_diagnostics;
  ROSTERFORM_TRY(s->load_roster(options.settings_only, s->m_diagnostics_sink));
  s->m_progress = options.progress;
  auto config =
      provider_config(s->desired(), options.parallelism, options.progress, s->m_reading);
  if (!config) {
    return tl::unexpected(config.error());
  }
  auto provider = healthie::make_healthie_provider(std::move(*config));
  if (!provider) {
    return tl::unexpected(provider.error());
  }
  s->m_provider = std::move(*provider);
  auto key = state::state_key_from_env(s->desired().state.key_env);
  if (!key) {
    return tl::unexpected(key.error());
  }
  s->m_key = std::move(*key);
  if (s->desired().state.backend == "local") {
    s->m_state_path = state_path_for(options, s->desired());
  }
  auto backend = open_backend(s->desired().state, options.state, s->m_key);
  if (!backend) {
    return tl::unexpected(backend.error());
  }
  s->m_backend = std::move(*backend);
  ROSTERFORM_TRY(s->take_lock(options));
  auto present = s->m_backend->state_exists();
  if (!present) {
    return tl::unexpected(present.error());
  }
  s->m_state_present = *present;
  auto loaded = s->m_backend->load();
  if (!loaded) {
    return tl::unexpected(loaded.error());
  }
  s->m_state = std::move(*loaded);
  // Only for a state that loaded: a lost one is an error, never a new file.
  if (!s->m_state_path.empty()) {  // only a file can be committed by mistake
    notice_state_privacy(
        {s->m_state_path, s->m_state_present,
         !options.lock_operation.empty() && options.lock_operation != "plan", s->state_key()});
  }
  s->m_hasher = std::make_unique<state::HmacHasher>(s->m_state.hmac_key);
  if (std::size_t merged = state::merge_duplicate_users(s->m_state, *s->m_hasher); merged > 0) {
    std::cerr << fmt::format(
        "rosterform: warning: the state managed {} Healthie user(s) under a second address (written "
        "by an earlier rosterform); merged to one entry per user, saved with the next apply\n",
        merged);
  }
  s->m_prior = state::to_prior_state(s->m_state, s->m_state_present, s->schemas());
  return s;
}

engine::Status Session::load_roster(bool settings_only, engine::Diagnostics* sink) {
  m_roster = engine::roster::load_workspace(m_dir, healthie::staff_schema(),
                                            healthie::client_schema(), roster_load_options());
  fs::path entry = fs::path(m_dir) / engine::roster::k_workspace_file;
  if (settings_only) {
    if (!fs::exists(entry)) {
      return engine::fail(fmt::format(
          "{} not found: write the workspace file first (docs/roster-format.md)", entry.string()));
    }
    return {};
  }
  if (sink != nullptr) {
    sink->append(m_roster.diagnostics);
  } else {
    print_diagnostics(m_roster.diagnostics);  // errors and warnings alike
  }
  if (m_roster.diagnostics.has_errors()) {
    return engine::fail(fmt::format("the roster has {} error(s); fix them and run again",
                                    m_roster.diagnostics.error_count()));
  }
  return {};
}

engine::Status Session::reload_roster() { return load_roster(false, m_diagnostics_sink); }

engine::Status Session::take_lock(const SessionOptions& options) {
  if (options.lock_operation.empty()) {
    return {};
  }
  auto timeout = parse_duration(options.state.lock_timeout, "-lock-timeout");
  if (!timeout) {
    return tl::unexpected(timeout.error());
  }
  auto lock = m_backend->lock(options.lock_operation, *timeout);
  if (!lock) {
    return tl::unexpected(lock.error());
  }
  m_lock = *lock;
  return {};
}

engine::Status Session::check_caller() {
  auto caller = m_provider->preflight();
  if (!caller) {
    return tl::unexpected(caller.error());
  }
  return healthie::check_roster_scope(*caller);
}

engine::Status Session::refresh() {
  ROSTERFORM_TRY(check_caller());
  m_reading->store(true);
  auto current = m_provider->read_current_state();
  m_reading->store(false);
  if (m_progress != nullptr) {
    m_progress->finish();
  }
  if (!current) {
    return tl::unexpected(current.error());
  }
  m_current = std::move(*current);
  return {};
}

engine::PlanOutcome Session::make_plan(const engine::PlanOptions& options) const {
  engine::PlanInputs inputs{desired(),
                            m_current,
                            m_prior,
                            healthie::staff_schema(),
                            healthie::client_schema(),
                            m_state_present ? m_hasher.get() : nullptr,
                            options};
  return engine::make_plan(inputs);
}

std::string Session::roster_digest() const {
  std::string all;
  for (const std::string& file : m_roster.files) {
    auto text = state::read_file(file);
    all += file;
    all += '\0';
    all += text ? state::sha256_hex(*text) : std::string("unreadable");
    all += '\n';
  }
  return state::sha256_hex(all);
}

}  // namespace rosterform::cli
