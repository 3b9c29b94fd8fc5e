#pragma once
// The one place that decides what of a plan may be printed. Every renderer
// goes through these functions, so PHI masking cannot be forgotten by one
// output path (Terraform's leak class, hashicorp/terraform#20051).
//
// Rules (docs/plan-format.md, "Sensitive values"):
//   * a field is sensitive when engine::is_sensitive says so (the schema's
//     Sensitivity: PHI always, a client's identity fields too);
//   * a sensitive value prints as "(sensitive)"; a change to one keeps its
//     "changed" marker, never the value;
//   * a client key derived from identity fields is itself PHI: the change is
//     named by its roster location or Healthie id instead;
//   * `reveal` (human output with -show-sensitive) lifts all of this.

#include <optional>
#include <string>
#include <string_view>

#include "engine/plan/plan.hpp"
#include "engine/render/render_options.hpp"

namespace rosterform::engine::render {

inline constexpr std::string_view k_sensitive = "(sensitive)";

// engine::label (engine/plan/handle.hpp); with `reveal`, the key itself.
[[nodiscard]] std::string display_address(const Address& a, bool reveal);

// The key to print, or nullopt when it is PHI and not revealed.
[[nodiscard]] std::optional<std::string> display_key(const Address& a, bool reveal);

[[nodiscard]] bool field_is_sensitive(const RenderOptions& o, Kind kind, FieldId id);

// A value for people: quoted, except booleans; "(sensitive)" when masked.
[[nodiscard]] std::string display_value(const RenderOptions& o, Kind kind, FieldId id,
                                        const std::optional<std::string>& value, bool reveal);

// Whether a field line only repeats what the action says: `active` under
// deactivate, reactivate or adopt.
[[nodiscard]] bool repeats_action(const RenderOptions& o, const Change& c, const FieldChange& f);

// "Healthie emails an invitation to jones@x", ...
[[nodiscard]] std::string describe(const SideEffect& e);

// "Plan: 3 to create, 5 to update, 1 to deactivate, 2 to adopt." or
// "No changes."; for -refresh-only, the drift count.
[[nodiscard]] std::string summary_line(const Plan& plan);

// Shown first under -target, as Terraform does: a targeted plan is partial
// by design, and a reviewer must not take it for the whole picture. The
// targets themselves are not echoed: one could be a PHI-derived key.
inline constexpr std::string_view k_targeting_warning =
    "Warning: -target is in effect. This plan covers only the targeted users and the changes "
    "they depend on, so it may not show every change the roster asks for. Use -target to "
    "recover from a mistake, not routinely.";

// One line per refusing guard rule: what it found and the flag that
// overrides that rule alone.
[[nodiscard]] std::vector<std::string> refusal_messages(const Plan& plan);

}  // namespace rosterform::engine::render
