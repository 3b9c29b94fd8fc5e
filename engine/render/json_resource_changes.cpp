#include "engine/render/json_resource_changes.hpp"

#include "engine/plan/handle.hpp"
#include "engine/render/mask.hpp"

namespace rosterform::engine::render {

namespace {

bool changes_fields(const Change& c) {
  for (const FieldChange& f : c.fields) {
    if (f.changed) {
      return true;
    }
  }
  return false;
}

// The address without its kind: the key, "id:<n>", or the roster location
// when the label is "client at <file>:<line>".
std::string name_of(const Address& a) {
  std::string shown = display_address(a, false);
  std::string prefix = std::string(engine::to_string(a.kind)) + ".";
  return shown.starts_with(prefix) ? shown.substr(prefix.size()) : location_handle(a.location);
}

enum class Side : std::uint8_t { before, after };

// The value on one side; a field a deactivation or forget leaves alone
// keeps its value after.
const std::optional<std::string>& side_value(const FieldChange& f, Side side) {
  return side == Side::before || !f.after ? f.before : f.after;
}

bool side_exists(const Change& c, Side side) {
  return side == Side::before ? c.action != Action::create : c.action != Action::forget;
}

// before/after: `id` and every managed field that is not sensitive (nor,
// after, known only after apply).
void values(JsonWriter& w, const Change& c, const RenderOptions& o, Side side) {
  w.key(side == Side::before ? "before" : "after");
  if (!side_exists(c, side)) {
    w.null();
    return;
  }
  w.begin_object();
  if (!c.address.user_id.empty()) {
    w.field("id", c.address.user_id);
  }
  Kind kind = c.address.kind;
  for (const FieldChange& f : c.fields) {
    bool unknown = side == Side::after && f.known_after_apply;
    if (!field_is_sensitive(o, kind, f.field) && !unknown) {
      w.key(o.schema(kind).at(f.field).name);
      write_value(w, o, kind, f.field, side_value(f, side));
    }
  }
  w.end_object();
}

// Terraform writes `false` for a side with nothing sensitive; here a side
// that exists lists its sensitive fields, and a missing side is `false`.
void sensitivity(JsonWriter& w, const Change& c, const RenderOptions& o, Side side) {
  w.key(side == Side::before ? "before_sensitive" : "after_sensitive");
  if (!side_exists(c, side)) {
    w.boolean(false);
    return;
  }
  w.begin_object();
  for (const FieldChange& f : c.fields) {
    if (field_is_sensitive(o, c.address.kind, f.field)) {
      w.field(o.schema(c.address.kind).at(f.field).name, true);
    }
  }
  w.end_object();
}

void unknown_after(JsonWriter& w, const Change& c, const RenderOptions& o) {
  w.key("after_unknown");
  w.begin_object();
  if (c.action == Action::create) {
    w.field("id", true);  // Healthie assigns it
  }
  for (const FieldChange& f : c.fields) {
    if (f.known_after_apply) {
      w.field(o.schema(c.address.kind).at(f.field).name, true);
    }
  }
  w.end_object();
}

void change(JsonWriter& w, const Change& c, const RenderOptions& o) {
  w.key("change");
  w.begin_object();
  w.key("actions");
  w.begin_array();
  w.string(terraform_action(c));
  w.end_array();
  values(w, c, o, Side::before);
  values(w, c, o, Side::after);
  unknown_after(w, c, o);
  sensitivity(w, c, o, Side::before);
  sensitivity(w, c, o, Side::after);
  if (c.action == Action::adopt) {
    w.key("importing");
    w.begin_object();
    w.field("id", c.address.user_id);
    w.end_object();
  }
  w.end_object();
}

}  // namespace

std::string_view terraform_action(const Change& c) {
  switch (c.action) {
    case Action::create:
      return "create";
    case Action::adopt:
      return changes_fields(c) ? "update" : "no-op";
    case Action::forget:
      return "forget";
    case Action::no_op:
      return "no-op";
    case Action::update:
    case Action::deactivate:
    case Action::reactivate:
      break;
  }
  return "update";
}

std::string_view terraform_type(Kind kind) {
  return kind == Kind::staff ? "healthie_staff" : "healthie_client";
}

void write_value(JsonWriter& w, const RenderOptions& o, Kind kind, FieldId id,
                 const std::optional<std::string>& value) {
  if (!value) {
    w.null();
  } else if (o.schema(kind).at(id).type == FieldType::boolean) {
    w.boolean(*value == "true");
  } else {
    w.string(*value);
  }
}

void write_resource_changes(JsonWriter& w, const Plan& plan, const RenderOptions& o) {
  w.key("resource_changes");
  w.begin_array();
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const Change& c = plan.changes[i];
    w.begin_object();
    w.field("address", display_address(c.address, false));
    w.field("mode", "managed");
    w.field("type", terraform_type(c.address.kind));
    w.field("name", name_of(c.address));
    w.field("provider_name", "healthie");
    w.field("rosterform_action", engine::to_string(c.action));
    w.field("rosterform_index", static_cast<std::uint64_t>(i));
    // Names only, sensitive ones included: a policy may ask whether a dob
    // changes without ever seeing it.
    w.key("rosterform_changed_fields");
    w.begin_array();
    for (const FieldChange& f : c.fields) {
      if (f.changed) {
        w.string(o.schema(c.address.kind).at(f.field).name);
      }
    }
    w.end_array();
    change(w, c, o);
    w.end_object();
  }
  w.end_array();
}

}  // namespace rosterform::engine::render
