#pragma once
// The plan: what reviewers approve and the only thing apply consumes.
//
// A Plan is plain data. Each Change names one user (its Address), says what
// will happen to it (a closed Action), why (a reason written for people), and
// what every managed field looks like before and after. Values are kept in
// the clear here; masking PHI is the renderers' job (engine/render), driven
// by the resource schema's Sensitivity, so that no output path can forget it.
//
// Besides changes, a plan carries what a reviewer must also see: drift
// ("changed outside rosterform"), the Healthie users nobody manages, the
// guard-rail verdicts, and, for a saved plan (issue 7), the fingerprint of
// every remote record it touches.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/diagnostics.hpp"
#include "engine/plan/action.hpp"
#include "engine/resource_schema.hpp"

namespace rosterform::engine {

// Which user a change is about. `key` is the roster key (empty for a Healthie
// user that no roster entry names). A client key derived from identity
// fields ("rid:..." or "email:...") contains PHI: `key_is_phi` tells the
// renderers to name the record by `location` or `user_id` instead.
struct Address {
  Kind kind = Kind::client;
  std::string key;
  bool key_is_phi = false;
  std::string user_id;      // Healthie User.id; empty until created
  SourceLocation location;  // the roster entry, when there is one

  // "staff.jones@clinic.example" / "client.mrn-1"; "client.#123" when keyless.
  // The raw key, PHI included: for tests and internal maps only. Output
  // names a record with engine::label (engine/plan/handle.hpp).
  [[nodiscard]] std::string to_string() const;
};

// One managed field. `before` is absent when Healthie has no value (or the
// user does not exist yet); `after` is absent for a field a deactivation or
// forget leaves alone.
struct FieldChange {
  FieldId field = 0;
  std::optional<std::string> before;
  std::optional<std::string> after;
  bool changed = false;
  // The value is a reference to a staff member created by this same plan:
  // the Healthie id it resolves to is known only after apply.
  bool known_after_apply = false;
  // Healthie's value moved since the last apply (engine/plan/drift.hpp).
  bool drifted = false;
};

enum class SideEffectKind : std::uint8_t {
  invite_email,           // staff create: Healthie emails an invitation
  welcome_email,          // client create: Healthie emails a welcome message
  appointments_cancelled, // client archive: appointments and scheduled payments cancelled
  clients_reassigned,     // staff deactivation: `count` active clients move to `target`
  clients_left_assigned,  // staff deactivation, overridden: `count` clients keep them
  provider_changed,       // client update: moves to another provider
};

struct SideEffect {
  SideEffectKind kind = SideEffectKind::invite_email;
  std::size_t count = 0;
  std::string target;  // a staff email
};

// What a saved plan records of a remote record it touches, so that apply can
// refuse when the record moved (engine/plan/fingerprint.hpp): Healthie's
// updated_at, the active flag, a keyed digest (ValueHasher) of all managed
// fields as read, and one short digest per field, which only the saved plan
// keeps. Empty for creates.
struct Fingerprint {
  std::string updated_at;
  bool active = true;
  std::string fields_digest;
  std::vector<std::pair<FieldId, std::string>> field_digests;  // by FieldId
  std::vector<std::pair<FieldId, std::string>> identity;       // saved plans only
};

struct Change {
  Action action = Action::no_op;
  Address address;
  std::string membership_id;  // staff only
  std::string moved_from;     // the earlier key, when a `previously` entry matched
  std::vector<FieldChange> fields;  // in FieldId order; changed and unchanged
  std::string reason;
  std::vector<SideEffect> side_effects;
  // Indices into Plan::changes that must succeed first (they come earlier).
  std::vector<std::size_t> depends_on;
  Fingerprint fingerprint;
  // Staff deactivation: the provider who receives this member's clients.
  std::string reassign_clients_to;
  // The roster no longer has an entry for this user (a removal, or a user
  // policy.authoritative deactivates): once the change is made, the state
  // stops managing the user. A deactivation the roster asks for
  // (`active: false`) keeps it managed.
  bool leaves_roster = false;

  [[nodiscard]] std::size_t changed_field_count() const;
  [[nodiscard]] std::size_t unchanged_field_count() const;
};

// A managed field Healthie changed since the last apply.
struct Drift {
  Address address;
  std::vector<FieldId> fields;  // empty when the user itself is gone
  std::vector<std::optional<std::string>> now;  // Healthie's value, per field
  std::string description;      // e.g. "phone_number changed outside rosterform"
};

// A Healthie user no roster entry and no state entry manages.
struct UnmanagedUser {
  Kind kind = Kind::client;
  std::string user_id;
  std::string email;  // staff only: workforce data, safe to show
};

// New rules are appended: saved plans store the verdicts in this order.
enum class GuardRule : std::uint8_t {
  max_deactivations,
  protected_accounts,
  provider_with_clients,
  max_updates,
  max_reassignments,
  last_admin,
};
inline constexpr std::size_t k_guard_rule_count = 6;
enum class GuardStatus : std::uint8_t { passed, refused, overridden };

[[nodiscard]] std::string_view to_string(GuardRule rule);
[[nodiscard]] std::string_view to_string(GuardStatus status);
// The command-line flag that overrides `rule`, e.g. "-allow-mass-deactivation".
[[nodiscard]] std::string_view override_flag(GuardRule rule);

struct GuardResult {
  GuardRule rule = GuardRule::max_deactivations;
  GuardStatus status = GuardStatus::passed;
  // Why it refused (or would have); a short "ok" sentence when it passed.
  std::vector<std::string> findings;
};

struct PlanSummary {
  std::array<std::size_t, k_action_count> by_action{};  // indexed by Action
  std::size_t unmanaged = 0;
  std::size_t drifted = 0;

  [[nodiscard]] std::size_t count(Action a) const { return by_action[static_cast<std::size_t>(a)]; }
  [[nodiscard]] std::size_t total_changes() const;
};

struct Plan {
  std::vector<Change> changes;  // in execution order, no-ops excluded
  std::vector<Drift> drift;
  std::vector<UnmanagedUser> unmanaged;
  // Under -target, `unmanaged` is left empty (no target can name an
  // unmanaged user) and this counts the users it would have listed, so the
  // reviewer still learns they exist.
  std::size_t unmanaged_not_shown = 0;
  // One verdict per rule, in GuardRule order; all pass until evaluated.
  std::array<GuardResult, k_guard_rule_count> guards{{{GuardRule::max_deactivations, {}, {}},
                                                      {GuardRule::protected_accounts, {}, {}},
                                                      {GuardRule::provider_with_clients, {}, {}},
                                                      {GuardRule::max_updates, {}, {}},
                                                      {GuardRule::max_reassignments, {}, {}},
                                                      {GuardRule::last_admin, {}, {}}}};
  PlanSummary summary;
  bool refresh_only = false;  // only the drift section is meaningful
  std::vector<std::string> targets;  // -target, as given

  [[nodiscard]] bool refused() const;
  [[nodiscard]] bool has_changes() const { return summary.total_changes() > 0; }
};

// Recounts `plan.summary.by_action` from `plan.changes`; no-ops are counted
// by the diff, which does not store them, and are kept.
void recount(Plan& plan);

}  // namespace rosterform::engine
