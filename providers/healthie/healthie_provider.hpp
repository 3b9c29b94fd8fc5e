#pragma once
// engine::Provider for Healthie: preflight, the complete read of staff and
// clients for either API shape, and the mutations apply needs.
//
//   auto provider = healthie::make_healthie_provider(config);
//   auto caller = (*provider)->preflight();
//   auto state = (*provider)->read_current_state();

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "engine/provider.hpp"
#include "providers/healthie/doctor.hpp"
#include "providers/healthie/executor.hpp"
#include "providers/healthie/notices.hpp"
#include "providers/healthie/provider_config.hpp"
#include "providers/http/transport.hpp"

namespace rosterform::healthie {

class HealthieProvider final : public engine::Provider {
 public:
  HealthieProvider(ProviderConfig config, std::unique_ptr<http::Transport> transport);

  engine::Result<engine::Caller> preflight() override;
  engine::Result<engine::CurrentState> read_current_state() override;
  std::vector<engine::Result<engine::RemoteUser>> apply(
      std::span<const engine::Mutation> batch, engine::StepObserver& steps) override;
  engine::Result<std::optional<engine::RemoteUser>> find_by_identity(
      engine::Kind kind, const engine::Record& identity) override;

  // `rosterform doctor`'s checks (doctor.hpp); sends nothing that changes
  // anything.
  [[nodiscard]] DoctorReport doctor(const DoctorOptions& options);

  // Requests, retries and throttles so far: for -verbose output and benches.
  [[nodiscard]] const ExecutorStats& stats() const { return m_executor.stats(); }
  [[nodiscard]] const Notices& notices() const { return m_notices; }
  [[nodiscard]] const ProviderConfig& config() const { return m_config; }

 private:
  engine::Result<engine::Caller> caller();
  engine::Result<std::string> resolve_staff(const std::string& reference) const;
  void remember_staff(const engine::RemoteUser& member);
  engine::Status know_staff(const engine::Caller& who);

  ProviderConfig m_config;
  std::unique_ptr<http::Transport> m_transport;
  Notices m_notices;
  Executor m_executor;
  std::optional<engine::Caller> m_caller;
  std::unordered_map<std::string, std::string> m_staff_emails;  // user id -> lower email
  std::unordered_map<std::string, std::string> m_staff_ids;     // lower email -> user id
  bool m_staff_known = false;
};

// Checks the configuration (endpoint policy, key, limits) and builds the
// provider over libcurl, or over `transport` when one is given (tests).
[[nodiscard]] engine::Result<std::unique_ptr<HealthieProvider>> make_healthie_provider(
    ProviderConfig config, std::unique_ptr<http::Transport> transport = nullptr);

// The error apply shows when the roster manages staff but the key's user is
// not an organization admin.
[[nodiscard]] std::string staff_needs_admin(const engine::Caller& caller);

// Plan, apply and import reconcile the whole roster, so they need a key that
// sees every client and may manage staff: an organization admin's. Any other
// key sees only its own clients, and a plan made with it would propose
// creating clients who exist. Checked after the preflight, before the read.
[[nodiscard]] engine::Status check_roster_scope(const engine::Caller& caller);

}  // namespace rosterform::healthie
