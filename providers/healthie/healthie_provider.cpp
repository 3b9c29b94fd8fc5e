#include "providers/healthie/healthie_provider.hpp"

#include "providers/healthie/api_key.hpp"
#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/fetch.hpp"
#include "providers/healthie/member_lookup.hpp"
#include "providers/healthie/mutation_plans.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "providers/http/endpoint_policy.hpp"

namespace rosterform::healthie {

namespace {

bool is_staff(engine::MutationKind kind) {
  return kind == engine::MutationKind::create_member ||
         kind == engine::MutationKind::update_member ||
         kind == engine::MutationKind::update_membership;
}

}  // namespace

std::string staff_needs_admin(const engine::Caller& caller) {
  return "managing staff needs an organization admin's API key, but this key belongs to user " +
         caller.user_id +
         ", who is not an admin; use an admin's key or leave staff out of the roster";
}

HealthieProvider::HealthieProvider(ProviderConfig config,
                                   std::unique_ptr<http::Transport> transport)
    : m_config(std::move(config)),
      m_transport(std::move(transport)),
      m_notices(m_config.on_notice),
      m_executor(*m_transport, m_config, m_notices) {}

engine::Result<engine::Caller> HealthieProvider::preflight() {
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
  auto staff = fetch_staff(m_executor, m_config.api_version.shape, state.caller);
  if (!staff)
    return tl::unexpected(staff.error());
  m_staff_emails.clear();
  m_staff_ids.clear();
  for (const auto& member : *staff)
    remember_staff(member);
  m_staff_known = true;
  auto clients = m_config.api_version.shape == ApiShape::baseline
                     ? fetch_clients_offsets(m_executor, m_staff_emails)
                     : fetch_clients_cursors(m_executor, *staff, m_staff_emails);
  if (!clients)
    return tl::unexpected(clients.error());
  state.staff = std::move(*staff);
  state.clients = std::move(*clients);
  return state;
}

engine::Result<std::string> HealthieProvider::resolve_staff(const std::string& reference) const {
  if (reference.starts_with("id:"))
    return reference.substr(3);
  auto hit = m_staff_ids.find(lower(reference));
  if (hit != m_staff_ids.end())
    return hit->second;
  return engine::fail("provider '" + reference +
                      "' is not a staff member in Healthie; add it to the staff roster first");
}

std::vector<engine::Result<engine::RemoteUser>> HealthieProvider::apply(
    std::span<const engine::Mutation> batch) {
  std::vector<engine::Result<engine::RemoteUser>> out(batch.size(), engine::RemoteUser{});
  auto who = caller();
  if (!who) {
    for (auto& r : out)
      r = tl::unexpected(who.error());
    return out;
  }
  if (!m_staff_known) {
    // References to staff need the staff list; read it once.
    auto staff = fetch_staff(m_executor, m_config.api_version.shape, *who);
    if (staff) {
      for (const auto& member : *staff)
        remember_staff(member);
      m_staff_known = true;
    }
  }
  PlanContext ctx{m_config.api_version.shape, &*m_caller, &m_staff_emails,
                  [this](const std::string& ref) { return resolve_staff(ref); }};
  std::vector<PlannedMutation> planned;
  std::vector<std::size_t> slots;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (is_staff(batch[i].kind) && !who->is_admin) {
      std::string label = batch[i].key + ": ";
      out[i] = engine::fail(label + staff_needs_admin(*who));
      continue;
    }
    planned.push_back(plan_mutation(batch[i], ctx));
    slots.push_back(i);
  }
  auto results = run_mutations(m_executor, m_config, std::move(planned));
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
