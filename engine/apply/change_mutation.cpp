#include "engine/apply/change_mutation.hpp"

#include <algorithm>

#include "engine/plan/handle.hpp"
#include "engine/plan/schema_fields.hpp"

namespace rosterform::engine {

namespace {

bool has_effect(const Change& change, SideEffectKind kind) {
  return std::any_of(change.side_effects.begin(), change.side_effects.end(),
                     [kind](const SideEffect& e) { return e.kind == kind; });
}

// Every field with a value after the change: what a create sends.
Record all_after(const Change& change) {
  Record r;
  for (const FieldChange& f : change.fields) {
    if (f.after) {
      r.set(f.field, *f.after);
    }
  }
  return r;
}

Record changed_after(const Change& change) {
  Record r;
  for (const FieldChange& f : change.fields) {
    if (f.changed && f.after) {
      r.set(f.field, *f.after);
    }
  }
  return r;
}

}  // namespace

std::optional<Mutation> mutation_for(const Change& change, const ResourceSchema& schema) {
  Mutation m;
  m.kind = change.address.kind;
  m.key = label(change.address);
  m.user_id = change.address.user_id;
  m.membership_id = change.membership_id;
  const std::optional<FieldId> active = SchemaFields::of(schema).active;
  switch (change.action) {
    case Action::no_op:
    case Action::forget:
      return std::nullopt;
    case Action::create:
      m.op = MutationKind::create;
      m.fields = all_after(change);
      m.notify = has_effect(change, m.kind == Kind::staff ? SideEffectKind::invite_email
                                                          : SideEffectKind::welcome_email);
      return m;
    case Action::update:
    case Action::adopt:
      m.fields = changed_after(change);
      break;
    case Action::reactivate:
    case Action::deactivate: {
      // The action says it, whether or not the roster names `active`.
      m.fields = changed_after(change);
      if (active) {
        m.fields.set(*active, change.action == Action::reactivate ? "true" : "false");
      }
      if (change.action == Action::deactivate) {
        m.receiver = change.reassign_clients_to;
      }
      break;
    }
  }
  if (m.fields.empty() && m.receiver.empty()) {
    return std::nullopt;  // an adoption or rename with nothing to send
  }
  return m;
}

}  // namespace rosterform::engine
