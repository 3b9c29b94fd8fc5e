#include "engine/apply/change_mutations.hpp"

#include <algorithm>

#include "engine/plan/handle.hpp"

namespace rosterform::engine {

namespace {

bool has_effect(const Change& change, SideEffectKind kind) {
  return std::any_of(change.side_effects.begin(), change.side_effects.end(),
                     [kind](const SideEffect& e) { return e.kind == kind; });
}

Mutation base(MutationKind kind, const Change& change) {
  Mutation m;
  m.kind = kind;
  m.key = label(change.address);
  m.user_id = change.address.user_id;
  m.membership_id = change.membership_id;
  return m;
}

// Every field with a value after the change: what a create sends.
Record all_after(const Change& change, const ResourceSchema& schema) {
  Record r;
  for (const FieldChange& f : change.fields) {
    if (f.after && schema.at(f.field).name != "active") {
      r.set(f.field, *f.after);
    }
  }
  return r;
}

// The changed fields, split by which mutation carries them. `active` is never
// an ordinary field: archive/unarchive and (de)activation carry it.
void split_changed(const Change& change, const ResourceSchema& schema, Record& profile,
                   Record& membership) {
  for (const FieldChange& f : change.fields) {
    if (!f.changed || !f.after) {
      continue;
    }
    std::string_view name = schema.at(f.field).name;
    if (name == "active") {
      continue;
    }
    if (schema.kind == Kind::staff && is_membership_field(schema.at(f.field))) {
      membership.set(f.field, *f.after);
    } else {
      profile.set(f.field, *f.after);
    }
  }
}

void add_updates(const Change& change, const ResourceSchema& schema, std::vector<Mutation>& out) {
  Record profile;
  Record membership;
  split_changed(change, schema, profile, membership);
  if (!profile.empty()) {
    Mutation m = base(schema.kind == Kind::staff ? MutationKind::update_member
                                                 : MutationKind::update_client,
                      change);
    m.fields = std::move(profile);
    out.push_back(std::move(m));
  }
  if (!membership.empty()) {
    Mutation m = base(MutationKind::update_membership, change);
    m.fields = std::move(membership);
    out.push_back(std::move(m));
  }
}

Mutation set_active(const Change& change, const ResourceSchema& schema, bool active) {
  if (schema.kind == Kind::client) {
    return base(active ? MutationKind::unarchive_client : MutationKind::archive_client, change);
  }
  Mutation m = base(MutationKind::update_membership, change);
  if (auto id = schema.id_of("active")) {
    m.fields.set(*id, active ? "true" : "false");
  }
  if (!active) {
    m.receiver = change.reassign_clients_to;
  }
  return m;
}

// Whether the change sets `active` to `value` ("true"/"false").
bool sets_active(const Change& change, const ResourceSchema& schema, std::string_view value) {
  return std::any_of(change.fields.begin(), change.fields.end(), [&](const FieldChange& f) {
    return f.changed && f.after && *f.after == value && schema.at(f.field).name == "active";
  });
}

}  // namespace

bool creates_archived(const Change& change, const ResourceSchema& schema) {
  return change.action == Action::create && schema.kind == Kind::client &&
         sets_active(change, schema, "false");
}

bool is_membership_field(const FieldSpec& spec) {
  return spec.call_group == 1;
}

std::vector<Mutation> mutations_for(const Change& change, const ResourceSchema& schema) {
  std::vector<Mutation> out;
  switch (change.action) {
    case Action::create: {
      bool staff = schema.kind == Kind::staff;
      Mutation m = base(staff ? MutationKind::create_member : MutationKind::create_client, change);
      m.fields = all_after(change, schema);
      m.notify = has_effect(change, staff ? SideEffectKind::invite_email
                                          : SideEffectKind::welcome_email);
      out.push_back(std::move(m));
      if (creates_archived(change, schema)) {
        out.push_back(base(MutationKind::archive_client, change));  // the id comes from step one
      }
      break;
    }
    case Action::update:
      add_updates(change, schema, out);
      break;
    case Action::adopt:
      // An adoption may revive the user ("will be reactivated"): first.
      if (sets_active(change, schema, "true")) {
        out.push_back(set_active(change, schema, true));
      }
      add_updates(change, schema, out);
      break;
    case Action::reactivate:
      out.push_back(set_active(change, schema, true));
      add_updates(change, schema, out);
      break;
    case Action::deactivate:
      // Field edits the roster makes with `active: false` go out while the
      // user is still active; a removal carries none.
      add_updates(change, schema, out);
      out.push_back(set_active(change, schema, false));
      break;
    case Action::no_op:
    case Action::forget:
      break;
  }
  return out;
}

}  // namespace rosterform::engine
