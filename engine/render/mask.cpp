#include "engine/render/mask.hpp"

#include <fmt/format.h>

#include "engine/plan/handle.hpp"
#include "engine/plan/schema_fields.hpp"

namespace rosterform::engine::render {

std::string display_address(const Address& a, bool reveal) {
  return reveal && !a.key.empty() ? a.to_string() : label(a);
}

std::optional<std::string> display_key(const Address& a, bool reveal) {
  if ((a.key_is_phi && !reveal) || a.key.empty()) {
    return std::nullopt;
  }
  return a.key;
}

bool field_is_sensitive(const RenderOptions& o, Kind kind, FieldId id) {
  return is_sensitive(kind, o.schema(kind).at(id));
}

std::string display_value(const RenderOptions& o, Kind kind, FieldId id,
                          const std::optional<std::string>& value, bool reveal) {
  if (!reveal && field_is_sensitive(o, kind, id)) {
    return std::string(k_sensitive);
  }
  if (!value) {
    return "(none)";
  }
  if (o.schema(kind).at(id).type == FieldType::boolean) {
    return *value;
  }
  std::string out = "\"";
  for (char c : *value) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  }
  return out + "\"";
}

bool repeats_action(const RenderOptions& o, const Change& c, const FieldChange& f) {
  bool flips = c.action == Action::deactivate || c.action == Action::reactivate ||
               c.action == Action::adopt;
  std::optional<FieldId> active = SchemaFields::of(o.schema(c.address.kind)).active;
  return flips && active && f.field == *active;
}

std::string describe(const SideEffect& e) {
  switch (e.kind) {
    case SideEffectKind::invite_email:
      return fmt::format("Healthie emails an invitation to {} (policy.send_invite_email)", e.target);
    case SideEffectKind::welcome_email:
      return "Healthie emails the client a welcome message (policy.send_welcome_email)";
    case SideEffectKind::appointments_cancelled:
      return "Healthie cancels the client's upcoming appointments and scheduled payments";
    case SideEffectKind::clients_reassigned:
      return fmt::format("{} active client{} move{} to {} first", e.count, e.count == 1 ? "" : "s",
                         e.count == 1 ? "s" : "", e.target);
    case SideEffectKind::clients_left_assigned:
      return fmt::format("{} active client{} would keep this deactivated provider", e.count,
                         e.count == 1 ? "" : "s");
    case SideEffectKind::provider_changed:
      return fmt::format("the client is reassigned to {}", e.target);
  }
  return "?";
}

std::string summary_line(const Plan& plan) {
  const PlanSummary& s = plan.summary;
  if (plan.refresh_only) {
    if (plan.drift.empty()) {
      return "No changes. Healthie matches what rosterform last applied.";
    }
    return fmt::format("Drift: {} user{} changed outside rosterform.", plan.drift.size(),
                       plan.drift.size() == 1 ? "" : "s");
  }
  if (!plan.has_changes()) {
    return "No changes.";
  }
  std::string out = fmt::format("Plan: {} to create, {} to update, {} to deactivate",
                                s.count(Action::create), s.count(Action::update),
                                s.count(Action::deactivate));
  for (Action a : {Action::reactivate, Action::adopt, Action::forget}) {
    if (s.count(a) > 0) {
      out += fmt::format(", {} to {}", s.count(a), to_string(a));
    }
  }
  return out + ".";
}

std::vector<std::string> refusal_messages(const Plan& plan) {
  std::vector<std::string> out;
  for (const GuardResult& g : plan.guards) {
    if (g.status != GuardStatus::refused) {
      continue;
    }
    for (const std::string& f : g.findings) {
      out.push_back(fmt::format("guard rail {} refused the plan: {}; to override this rule only, "
                                "re-run with {}",
                                to_string(g.rule), f, override_flag(g.rule)));
    }
  }
  return out;
}

}  // namespace rosterform::engine::render
