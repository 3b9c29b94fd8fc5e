#include "providers/healthie/healthie_provider.hpp"

#include <stdexcept>

#include "engine/staff_ref.hpp"
#include "providers/healthie/api_key.hpp"
#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/fetch.hpp"
#include "providers/healthie/member_lookup.hpp"
#include "providers/healthie/mutation_plans.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "providers/http/endpoint_policy.hpp"

namespace rosterform::healthie {

namespace {

// "10m", "90s", "1500ms": the way rosterform.yaml writes a duration.
std::string duration_text(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms % 60'000 == 0)
    return std::to_string(ms / 60'000) + "m";
  if (ms % 1000 == 0)
    return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

// The overall deadline of one complete read: past it, the read fails with
// what it saw, so a server that throttles for ever or never ends a list
// cannot hold a plan (or CI) hostage.
class ReadDeadline {
 public:
  // `what`: "the read of staff and clients", "the read of staff".
  ReadDeadline(Executor& exec, std::chrono::milliseconds limit, std::string what)
      : m_exec(exec), m_what(std::move(what)), m_start(Clock::now()), m_before(exec.stats()) {
    m_exec.set_deadline(m_start + limit, [this, limit] { return expired(limit); });
  }
  ~ReadDeadline() { m_exec.clear_deadline(); }
  ReadDeadline(const ReadDeadline&) = delete;
  ReadDeadline& operator=(const ReadDeadline&) = delete;

 private:
  engine::Error expired(std::chrono::milliseconds limit) const {
    const ExecutorStats& now = m_exec.stats();
    auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - m_start);
    return engine::Error(
        "incomplete read: " + m_what + " did not finish within " + duration_text(limit) +
        " (healthie.read_timeout): " + std::to_string(now.pages_read - m_before.pages_read) +
        " pages and " + std::to_string(now.items_read - m_before.items_read) + " users read, " +
        std::to_string(now.throttled - m_before.throttled) + " throttled answers, in " +
        std::to_string(elapsed.count()) +
        " s; nothing was planned; run again later or raise healthie.read_timeout in "
        "rosterform.yaml");
  }

  Executor& m_exec;
  std::string m_what;
  Clock::time_point m_start;
  ExecutorStats m_before;
};

}  // namespace

std::string staff_needs_admin(const engine::Caller& caller) {
  return "managing staff needs an organization admin's API key, but this key belongs to user " +
         caller.user_id +
         ", who is not an admin; use an admin's key or leave staff out of the roster";
}

engine::Status check_roster_scope(const engine::Caller& caller) {
  if (caller.is_admin)
    return {};
  std::string role = caller.org_role.empty() ? "" : "org role " + caller.org_role + ", ";
  return engine::fail(
      "the API key belongs to Healthie user " + caller.user_id + " (" + role +
      "not an organization admin): it sees only its own clients and cannot manage staff, so a "
      "plan made with it would propose creating clients who already exist; use an organization "
      "admin's API key, which sees every client and may manage staff; stopped before reading "
      "the roster from Healthie");
}

HealthieProvider::HealthieProvider(ProviderConfig config,
                                   std::unique_ptr<http::Transport> transport)
    : m_config(std::move(config)),
      m_transport(std::move(transport)),
      m_notices(m_config.on_notice, m_config.on_progress),
      m_executor(*m_transport, m_config, m_notices) {}

engine::Result<engine::Caller> HealthieProvider::preflight() {
  const std::string& version = m_config.api_version.header;
  if (auto warning = deprecation_warning(version, m_config.today.value_or(utc_today())))
    m_notices.deprecated(*warning, sunset_text(version));
  auto caller = run_preflight(m_executor);
  if (caller)
    m_caller = *caller;
  return caller;
}

engine::Result<engine::Caller> HealthieProvider::caller() {
  if (m_caller)
    return *m_caller;
  return preflight();
}

void HealthieProvider::remember_staff(const engine::RemoteUser& member) {
  auto id = staff_schema().id_of("email");
  auto email = id ? member.fields.get(*id) : std::nullopt;
  if (!email || member.user_id.empty())
    return;
  std::string key = lower(*email);
  m_staff_emails[member.user_id] = key;
  m_staff_ids[key] = member.user_id;
}

engine::Result<engine::CurrentState> HealthieProvider::read_current_state() {
  engine::CurrentState state;
  auto who = caller();
  if (!who)
    return tl::unexpected(who.error());
  state.caller = *who;
  ReadDeadline deadline(m_executor, m_config.read_timeout, "the read of staff and clients");
  m_executor.begin_phase("staff members");
  auto staff = fetch_staff(m_executor, m_config.api_version.shape, state.caller);
  if (!staff)
    return tl::unexpected(staff.error());
  m_staff_emails.clear();
  m_staff_ids.clear();
  for (const auto& member : *staff)
    remember_staff(member);
  m_staff_known = true;
  m_executor.begin_phase("clients");
  auto clients = [&]() -> engine::Result<std::vector<engine::RemoteUser>> {
    switch (m_config.api_version.shape) {
      case ApiShape::baseline:
        return fetch_clients_offsets(m_executor, m_staff_emails);
      case ApiShape::connections:
        return fetch_clients_cursors(m_executor, *staff, m_staff_emails);
    }
    throw std::logic_error("read_current_state: unknown ApiShape");
  }();
  if (!clients)
    return tl::unexpected(clients.error());
  state.staff = std::move(*staff);
  state.clients = std::move(*clients);
  return state;
}

// References to staff need the staff list; it is read once per run. A
// client look-up decodes its provider through it too, so that a record
// looked up reads exactly as the same record in the complete read (a saved
// plan's fingerprints compare the two).
engine::Status HealthieProvider::know_staff(const engine::Caller& who) {
  if (m_staff_known)
    return {};
  auto staff = [&] {
    ReadDeadline deadline(m_executor, m_config.read_timeout, "the read of staff");
    return fetch_staff(m_executor, m_config.api_version.shape, who);
  }();
  if (!staff)
    return tl::unexpected(staff.error());
  for (const auto& member : *staff)
    remember_staff(member);
  m_staff_known = true;
  return {};
}

engine::Result<std::string> HealthieProvider::resolve_staff(const std::string& reference) const {
  engine::StaffRef ref = engine::StaffRef::parse(reference);
  if (ref.is_healthie_id())
    return std::string(ref.value());
  auto hit = m_staff_ids.find(lower(ref.value()));
  if (hit != m_staff_ids.end())
    return hit->second;
  return engine::fail("provider '" + reference +
                      "' is not a staff member in Healthie; add it to the staff roster first");
}

std::vector<engine::Result<engine::RemoteUser>> HealthieProvider::apply(
    std::span<const engine::Mutation> batch, engine::StepObserver& steps) {
  std::vector<engine::Result<engine::RemoteUser>> out(batch.size(), engine::RemoteUser{});
  auto who = caller();
  if (!who) {
    for (auto& r : out)
      r = tl::unexpected(who.error());
    return out;
  }
  // References to staff need the staff list; a failed read shows up as
  // "not a staff member" on the mutations that need it.
  (void)know_staff(*who);
  PlanContext ctx{m_config.api_version.shape, &*m_caller, &m_staff_emails,
                  [this](const std::string& ref) { return resolve_staff(ref); }};
  std::vector<PlannedMutation> planned;
  std::vector<std::size_t> slots;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].kind == engine::Kind::staff && !who->is_admin) {
      std::string label = batch[i].key + ": ";
      out[i] = engine::fail(label + staff_needs_admin(*who));
      continue;
    }
    planned.push_back(plan_mutation(batch[i], ctx));
    planned.back().batch_index = i;
    slots.push_back(i);
  }
  auto results = run_mutations(m_executor, m_config, std::move(planned), steps);
  for (std::size_t j = 0; j < results.size(); ++j) {
    if (results[j] && results[j]->kind == engine::Kind::staff)
      remember_staff(*results[j]);
    out[slots[j]] = std::move(results[j]);
  }
  return out;
}

engine::Result<std::optional<engine::RemoteUser>> HealthieProvider::find_by_identity(
    engine::Kind kind, const engine::Record& identity) {
  bool client = kind == engine::Kind::client;
  engine::Result<std::optional<engine::RemoteUser>> out = std::optional<engine::RemoteUser>();
  if (!client) {
    // Every membership, deactivated ones included (member_lookup.hpp).
    auto who = caller();
    if (!who)
      return tl::unexpected(who.error());
    member_lookup(m_config.api_version.shape, who->organization_id, identity)(
        m_executor, [&](LookupResult found) {
          out = found ? std::move(found)
                      : engine::fail("looking up a staff member: " + found.error().message);
        });
    ROSTERFORM_TRY(m_executor.run());
    return out;
  }
  auto who = caller();
  if (!who)
    return tl::unexpected(who.error());
  ROSTERFORM_TRY(know_staff(*who));
  m_executor.enqueue(client_search(m_config.api_version.shape), search_variables(kind, identity),
                     [&](Classified c) {
                       if (c.kind != ResponseKind::ok) {
                         out = engine::fail(call_failure("looking up a client", c));
                         return;
                       }
                       out = find_client(*c.json, identity, m_staff_emails);
                     });
  ROSTERFORM_TRY(m_executor.run());
  return out;
}

engine::Result<std::unique_ptr<HealthieProvider>> make_healthie_provider(
    ProviderConfig config, std::unique_ptr<http::Transport> transport) {
  ROSTERFORM_TRY(http::check_endpoint(config.endpoint));
  if (config.api_key.empty())
    return engine::fail("no Healthie API key was given; set it in the environment, not the roster");
  if (auto problem = api_key_problem(config.api_key))
    return engine::fail("the Healthie API key was not sent: " + *problem);
  if (config.parallelism < 1)
    return engine::fail("parallelism must be at least 1, got " +
                        std::to_string(config.parallelism));
  if (config.read_timeout <= std::chrono::milliseconds(0))
    return engine::fail("read_timeout must be longer than 0");
  if (config.max_requests_per_second < 0)
    return engine::fail("max_requests_per_second must not be negative");
  if (!transport) {
    auto curl = http::CurlTransport::create(config.transport);
    if (!curl)
      return tl::unexpected(curl.error());
    transport = std::move(*curl);
  }
  return std::make_unique<HealthieProvider>(std::move(config), std::move(transport));
}

}  // namespace rosterform::healthie
