#pragma once
// Test doubles for planning: a Provider that serves a fixed CurrentState, a
// ValueHasher that stands in for the state's HMAC, and PlanWorld, a builder
// for the three inputs of a diff (roster, Healthie, state) in the Healthie
// field vocabulary.

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "engine/plan/diff.hpp"
#include "engine/plan/identity_index.hpp"
#include "engine/provider.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::testing {

using FieldValues = std::vector<std::pair<std::string, std::string>>;

// Serves `state`; counts reads; apply echoes each mutation back as done.
class FakeProvider final : public engine::Provider {
 public:
  explicit FakeProvider(engine::CurrentState state) : m_state(std::move(state)) {}

  engine::Result<engine::Caller> preflight() override { return m_state.caller; }
  engine::Result<engine::CurrentState> read_current_state() override {
    ++reads;
    if (!read_error.empty()) {
      return engine::fail(read_error);
    }
    return m_state;
  }
  std::vector<engine::Result<engine::RemoteUser>> apply(std::span<const engine::Mutation> batch,
                                                       engine::StepObserver&) override {
    std::vector<engine::Result<engine::RemoteUser>> out;
    for (const engine::Mutation& m : batch) {
      applied.push_back(m);
      engine::RemoteUser u;
      u.user_id = m.user_id.empty() ? fmt::format("new-{}", applied.size()) : m.user_id;
      u.fields = m.fields;
      out.emplace_back(std::move(u));
    }
    return out;
  }
  engine::Result<std::optional<engine::RemoteUser>> find_by_identity(
      engine::Kind, const engine::Record&) override {
    return std::optional<engine::RemoteUser>();
  }

  int reads = 0;
  std::string read_error;
  std::vector<engine::Mutation> applied;

 private:
  engine::CurrentState m_state;
};

// Not a MAC: a deterministic 64-hex-digit digest, enough to tell values
// apart in tests without OpenSSL.
class FakeHasher final : public engine::ValueHasher {
 public:
  [[nodiscard]] std::string hex_digest(std::string_view value) const override {
    ++calls;
    std::uint64_t a = engine::identity_hash(value, false);
    std::uint64_t b = engine::identity_hash(value, false, a ^ 0x5bd1e995ULL);
    return fmt::format("{:016x}{:016x}{:016x}{:016x}", a, b, a ^ b, b + 1);
  }
  mutable int calls = 0;
};

inline engine::FieldId field_id(engine::Kind kind, std::string_view name) {
  auto id = healthie::schema_for(kind).id_of(name);
  if (!id) {
    throw std::logic_error(fmt::format("no field '{}' in {}", name, engine::to_string(kind)));
  }
  return *id;
}

inline engine::Record record_of(engine::Kind kind, const FieldValues& values) {
  engine::Record r;
  for (const auto& [name, value] : values) {
    r.set(field_id(kind, name), value);
  }
  return r;
}

// The three inputs of a diff, built up by a test.
struct PlanWorld {
  PlanWorld() {
    desired.staff_declared = true;
    desired.clients_declared = true;
    // Most cases create clients without a provider; the checks that the
    // policy brings are tested with it set.
    desired.policy.require_provider_for_clients = false;
    current.caller = engine::Caller{"caller-1", "org-1", true, "Standard"};
  }

  engine::DesiredUser& staff(const std::string& email, FieldValues extra = {}) {
    engine::DesiredUser d;
    d.kind = engine::Kind::staff;
    d.key = email;
    FieldValues values = {{"email", email}, {"first_name", "Staff"}, {"last_name", "Member"}};
    values.insert(values.end(), extra.begin(), extra.end());
    d.fields = record_of(d.kind, values);
    d.location = {"roster/staff.yaml", next_line++, 5};
    desired.staff.push_back(std::move(d));
    return desired.staff.back();
  }

  engine::DesiredUser& client(const std::string& key, FieldValues values) {
    engine::DesiredUser d;
    d.kind = engine::Kind::client;
    d.key = key;
    d.explicit_key = !key.starts_with("rid:") && !key.starts_with("email:");
    d.fields = record_of(d.kind, values);
    d.location = {"roster/clients.yaml", next_line++, 5};
    desired.clients.push_back(std::move(d));
    return desired.clients.back();
  }

  engine::RemoteUser& remote_staff(const std::string& id, const std::string& email,
                                   FieldValues extra = {}, bool active = true) {
    engine::RemoteUser u;
    u.kind = engine::Kind::staff;
    u.user_id = id;
    u.membership_id = "m-" + id;
    u.updated_at = "2026-11-01T10:00:00Z";
    FieldValues values = {{"email", email}, {"first_name", "Staff"}, {"last_name", "Member"}};
    values.insert(values.end(), extra.begin(), extra.end());
    if (!active) {
      values.emplace_back("active", "false");
    }
    u.fields = record_of(u.kind, values);
    current.staff.push_back(std::move(u));
    return current.staff.back();
  }

  engine::RemoteUser& remote_client(const std::string& id, FieldValues values, bool active = true) {
    engine::RemoteUser u;
    u.kind = engine::Kind::client;
    u.user_id = id;
    u.updated_at = "2026-11-01T10:00:00Z";
    if (!active) {
      values.emplace_back("active", "false");
    }
    u.fields = record_of(u.kind, values);
    current.clients.push_back(std::move(u));
    return current.clients.back();
  }

  // Records `key` in the state as managing `user_id`, with `applied` values
  // digested by the fake hasher.
  void manage(engine::Kind kind, const std::string& key, const std::string& user_id,
              FieldValues applied = {}) {
    engine::ManagedRecord rec;
    rec.kind = kind;
    rec.key = key;
    rec.user_id = user_id;
    for (const auto& [name, value] : applied) {
      rec.applied.push_back(
          {field_id(kind, name), *engine::parse_field_digest(hasher.hex_digest(value))});
    }
    std::sort(rec.applied.begin(), rec.applied.end(),
              [](const auto& a, const auto& b) { return a.field < b.field; });
    prior.present = true;
    prior.records.push_back(std::move(rec));
  }

  engine::PlanOutcome plan(engine::PlanOptions options = {}) const {
    engine::PlanInputs in{
        desired, current,           prior, healthie::staff_schema(), healthie::client_schema(),
        &hasher, std::move(options)};
    return engine::make_plan(in);
  }

  engine::DesiredState desired;
  engine::CurrentState current;
  engine::PriorState prior;
  FakeHasher hasher;
  std::uint32_t next_line = 1;
};

}  // namespace rosterform::testing
