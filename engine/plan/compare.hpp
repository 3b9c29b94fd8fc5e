#pragma once
// Field-by-field comparison of one roster entry with its Healthie user.
// Only the fields the entry names are compared: a field the roster leaves
// out is not managed, whatever Healthie holds.

#include <vector>

#include "engine/current_state.hpp"
#include "engine/desired_state.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/prior_state.hpp"
#include "engine/plan/schema_fields.hpp"
#include "engine/plan/staff_directory.hpp"

namespace rosterform::engine {

struct CompareContext {
  Kind kind = Kind::client;
  const SchemaFields* fields = nullptr;
  const StaffDirectory* staff = nullptr;  // resolves client references
  const ManagedRecord* prior = nullptr;   // last-applied digests, if managed
  const ValueHasher* hasher = nullptr;
};

struct Compared {
  std::vector<FieldChange> fields;
  std::size_t changed = 0;
  std::size_t drifted = 0;
  bool active_before = true;
  bool active_after = true;
};

// Whether `d` and `r` differ in any managed field or in whether they are
// active. Allocates nothing when they do not: this is the million-record
// fast path.
[[nodiscard]] bool differs(const CompareContext& ctx, const DesiredUser& d, const RemoteUser& r);

// The full comparison: every managed field with its before and after, the
// changed and drifted ones marked. `r` is null for a create.
[[nodiscard]] Compared compare(const CompareContext& ctx, const DesiredUser& d,
                               const RemoteUser* r);

// Whether the roster wants `d` active: its `active` field, "true" when absent.
[[nodiscard]] bool desired_active(const SchemaFields& f, const DesiredUser& d);

}  // namespace rosterform::engine
