#include "engine/plan/compare.hpp"

#include <algorithm>

#include "engine/staff_ref.hpp"

namespace rosterform::engine {

namespace {

std::string_view bool_text(bool b) {
  return b ? "true" : "false";
}

// Healthie's value of field `id`, in the roster's vocabulary: `active` as
// RemoteUser::is_active reads it, a reference is turned into the member's
// email.
std::optional<std::string_view> remote_value(const CompareContext& ctx, const RemoteUser& r,
                                             FieldId id) {
  if (ctx.fields->active && id == *ctx.fields->active) {
    return bool_text(r.is_active(ctx.fields->active));
  }
  std::optional<std::string_view> v = r.fields.get(id);
  if (!v) {
    return std::nullopt;
  }
  if (ctx.fields->reference && id == *ctx.fields->reference && ctx.staff != nullptr &&
      StaffRef::parse(*v).is_healthie_id()) {
    const StaffEntry* s = ctx.staff->resolve(*v);
    if (s != nullptr) {
      return std::string_view(s->email);
    }
  }
  return v;
}

// A reference names a person, not an address: Healthie's value (the
// member's email as Healthie has it, or their Healthie id) and the roster's (the
// email the roster gives them) agree when they resolve to the same staff
// member. A member renamed by this plan (`previously:`) is found under both
// emails, so clients that already name the new email are not changed.
bool same_reference(const CompareContext& ctx, std::string_view before, std::string_view after) {
  if (ctx.staff == nullptr) {
    return false;
  }
  const StaffEntry* had = ctx.staff->resolve(before);
  return had != nullptr && had == ctx.staff->by_email(after);
}

bool field_equal(const CompareContext& ctx, FieldId id, std::optional<std::string_view> before,
                 std::string_view after) {
  if (!before) {
    return false;
  }
  if (same_value(ctx.fields->schema->at(id), *before, after)) {
    return true;
  }
  return ctx.fields->reference && id == *ctx.fields->reference &&
         same_reference(ctx, *before, after);
}

bool is_drifted(const CompareContext& ctx, FieldId id, std::optional<std::string_view> before) {
  if (ctx.prior == nullptr || ctx.hasher == nullptr) {
    return false;
  }
  const FieldDigest* applied = ctx.prior->find(id);
  if (applied == nullptr) {
    return false;  // never applied: nothing to have drifted from
  }
  return !before || !digest_matches(*ctx.hasher, *applied, *before);
}

bool known_after_apply(const CompareContext& ctx, FieldId id, std::string_view after) {
  if (!ctx.fields->reference || id != *ctx.fields->reference || ctx.staff == nullptr) {
    return false;
  }
  const StaffEntry* s = ctx.staff->by_email(after);
  return s != nullptr && s->planned == Action::create;
}

}  // namespace

bool desired_active(const SchemaFields& f, const DesiredUser& d) {
  return d.fields.value_or_empty(f.active) != "false";
}

// A merge walk over the two packed, sorted records: no binary search per
// field, and both records are read front to back.
bool differs(const CompareContext& ctx, const DesiredUser& d, const RemoteUser& r) {
  const Record::Fields want = d.fields.fields();
  const Record::Fields have = r.fields.fields();
  const std::optional<FieldId>& active = ctx.fields->active;
  const std::optional<FieldId>& reference = ctx.fields->reference;
  bool active_named = false;
  auto h = have.begin();
  for (const auto& [id, value] : want) {
    if (active && id == *active) {
      active_named = true;
      if ((value != "false") != r.is_active(active)) {
        return true;
      }
      continue;
    }
    while (h != have.end() && (*h).id < id) {
      ++h;
    }
    if (h == have.end() || (*h).id != id) {
      return true;
    }
    if (reference && id == *reference) {
      if (!field_equal(ctx, id, (*h).value, value)) {
        return true;
      }
    } else if (!same_value(ctx.fields->schema->at(id), (*h).value, value)) {
      return true;
    }
  }
  return !active_named && !r.is_active(active);
}

Compared compare(const CompareContext& ctx, const DesiredUser& d, const RemoteUser* r) {
  Compared out;
  out.active_after = desired_active(*ctx.fields, d);
  out.active_before = r != nullptr && r->is_active(ctx.fields->active);
  bool active_named = false;
  for (const auto& [id, value] : d.fields.fields()) {
    FieldChange fc;
    fc.field = id;
    fc.after = value;
    if (r != nullptr) {
      std::optional<std::string_view> before = remote_value(ctx, *r, id);
      if (before) {
        fc.before = std::string(*before);
      }
      fc.changed = !field_equal(ctx, id, before, value);
      fc.drifted = fc.changed && is_drifted(ctx, id, before);
    } else {
      fc.changed = true;
    }
    fc.known_after_apply = fc.changed && known_after_apply(ctx, id, value);
    active_named = active_named || (ctx.fields->active && id == *ctx.fields->active);
    out.changed += fc.changed ? 1U : 0U;
    out.drifted += fc.drifted ? 1U : 0U;
    out.fields.push_back(std::move(fc));
  }
  // An entry that does not say `active` still wants its user active; show
  // the flip when Healthie has the user inactive.
  if (r != nullptr && !active_named && ctx.fields->active && !r->is_active(ctx.fields->active)) {
    FieldChange fc{*ctx.fields->active, std::string("false"), std::string("true"), true};
    // Managed users are kept active unless the roster says otherwise, so an
    // inactive one was changed outside rosterform even without a digest.
    fc.drifted = ctx.prior != nullptr &&
                 (ctx.prior->find(fc.field) == nullptr || is_drifted(ctx, fc.field, "false"));
    auto at = std::find_if(out.fields.begin(), out.fields.end(),
                           [&](const FieldChange& f) { return f.field > fc.field; });
    out.drifted += fc.drifted ? 1U : 0U;
    out.fields.insert(at, std::move(fc));
    ++out.changed;
  }
  return out;
}

}  // namespace rosterform::engine
