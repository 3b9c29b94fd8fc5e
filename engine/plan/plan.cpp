#include "engine/plan/plan.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace rosterform::engine {

std::string Address::to_string() const {
  if (key.empty()) {
    return fmt::format("{}.#{}", engine::to_string(kind), user_id);
  }
  return fmt::format("{}.{}", engine::to_string(kind), key);
}

std::size_t Change::changed_field_count() const {
  return static_cast<std::size_t>(
      std::count_if(fields.begin(), fields.end(), [](const FieldChange& f) { return f.changed; }));
}

std::size_t Change::unchanged_field_count() const {
  return fields.size() - changed_field_count();
}

std::string_view to_string(GuardRule rule) {
  switch (rule) {
    case GuardRule::max_deactivations:
      return "max_deactivations";
    case GuardRule::protected_accounts:
      return "protected_accounts";
    case GuardRule::provider_with_clients:
      return "provider_with_clients";
    case GuardRule::max_updates:
      return "max_updates";
    case GuardRule::max_reassignments:
      return "max_reassignments";
    case GuardRule::last_admin:
      return "last_admin";
  }
  return "?";
}

std::string_view to_string(GuardStatus status) {
  switch (status) {
    case GuardStatus::passed:
      return "passed";
    case GuardStatus::refused:
      return "refused";
    case GuardStatus::overridden:
      return "overridden";
  }
  return "?";
}

std::string_view override_flag(GuardRule rule) {
  switch (rule) {
    case GuardRule::max_deactivations:
      return "-allow-mass-deactivation";
    case GuardRule::protected_accounts:
      return "-allow-protected-deactivation";
    case GuardRule::provider_with_clients:
      return "-allow-orphaned-clients";
    case GuardRule::max_updates:
      return "-allow-mass-update";
    case GuardRule::max_reassignments:
      return "-allow-mass-reassignment";
    case GuardRule::last_admin:
      return "-allow-no-admin";
  }
  return "?";
}

std::size_t PlanSummary::total_changes() const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < by_action.size(); ++i) {
    if (static_cast<Action>(i) != Action::no_op) {
      n += by_action[i];
    }
  }
  return n;
}

bool Plan::refused() const {
  return std::any_of(guards.begin(), guards.end(),
                     [](const GuardResult& g) { return g.status == GuardStatus::refused; });
}

void recount(Plan& plan) {
  std::size_t no_ops = plan.summary.count(Action::no_op);
  plan.summary.by_action = {};
  plan.summary.by_action[static_cast<std::size_t>(Action::no_op)] = no_ops;
  for (const Change& c : plan.changes) {
    ++plan.summary.by_action[static_cast<std::size_t>(c.action)];
  }
  plan.summary.unmanaged = plan.unmanaged.size() + plan.unmanaged_not_shown;
  plan.summary.drifted = plan.drift.size();
}

}  // namespace rosterform::engine
