#include "providers/healthie/user_decode.hpp"

#include <array>
#include <cctype>

#include "providers/healthie/resource_schema.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

// Fields are collected in a RecordBuilder and packed once per user.
void set_if(engine::RecordBuilder& record, const engine::ResourceSchema& schema,
            std::string_view field, std::optional<std::string> value) {
  if (!value)
    return;  // null in Healthie: absent here
  auto id = schema.id_of(field);
  if (id)
    record.set(*id, std::move(*value));
}

void set_bool(engine::RecordBuilder& record, const engine::ResourceSchema& schema,
              std::string_view field, bool value) {
  set_if(record, schema, field, std::string(value ? "true" : "false"));
}

// Baseline dob is a free String ("1985-02-03" or with a time); the roster
// compares YYYY-MM-DD.
std::optional<std::string> date_only(std::optional<std::string> value) {
  if (value && value->size() > 10 && (*value)[4] == '-' && (*value)[7] == '-')
    value->resize(10);
  return value;
}

void copy_strings(element object, engine::RecordBuilder& record,
                  const engine::ResourceSchema& schema,
                  std::initializer_list<std::string_view> fields) {
  for (std::string_view f : fields)
    set_if(record, schema, f, string_member(object, f));
}

// What every Healthie user carries: id, kind, updated_at and active.
bool decode_common(element user, engine::Kind kind, engine::RemoteUser& out) {
  auto id = id_member(user, "id");
  if (!id)
    return false;
  out.kind = kind;
  out.user_id = *id;
  out.updated_at = string_member(user, "updated_at").value_or("");
  out.active = bool_member(user, "active").value_or(true);
  return true;
}

bool decode_staff_user(element user, engine::RemoteUser& out, engine::RecordBuilder& fields) {
  if (!decode_common(user, engine::Kind::staff, out))
    return false;
  copy_strings(
      user, fields, staff_schema(),
      {"email", "first_name", "last_name", "timezone", "phone_number", "npi", "qualifications"});
  set_bool(fields, staff_schema(), "active", out.active);
  return true;
}

void apply_membership(element membership, engine::RemoteUser& out, engine::RecordBuilder& fields) {
  const engine::ResourceSchema& schema = staff_schema();
  out.membership_id = id_member(membership, "id").value_or("");
  out.is_admin = bool_member(membership, "is_admin").value_or(false);
  set_bool(fields, schema, "is_admin", out.is_admin);
  set_if(fields, schema, "org_role", string_member(membership, "org_role"));
}

}  // namespace

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool decode_client(element user, const StaffEmails& staff, engine::RemoteUser& out) {
  if (!decode_common(user, engine::Kind::client, out))
    return false;
  const engine::ResourceSchema& schema = client_schema();
  engine::RecordBuilder fields;
  copy_strings(user, fields, schema,
               {"email", "first_name", "last_name", "record_identifier", "legal_name", "gender",
                "phone_number", "timezone"});
  set_if(fields, schema, "dob", date_only(string_member(user, "dob")));
  if (auto dietitian = id_member(user, "dietitian_id"); dietitian && !dietitian->empty()) {
    auto hit = staff.find(*dietitian);
    set_if(fields, schema, "provider", hit != staff.end() ? hit->second : "id:" + *dietitian);
  }
  set_bool(fields, schema, "active", out.active);
  out.fields = fields.build();
  return true;
}

bool decode_membership(element membership, engine::RemoteUser& out) {
  element user;
  if (membership["user"].get(user) != simdjson::SUCCESS || !user.is_object())
    return false;
  engine::RecordBuilder fields;
  if (!decode_staff_user(user, out, fields))
    return false;
  apply_membership(membership, out, fields);
  out.fields = fields.build();
  return true;
}

bool decode_member_user(element user, engine::RemoteUser& out) {
  engine::RecordBuilder fields;
  if (!decode_staff_user(user, out, fields))
    return false;
  element membership;
  if (user["organization_membership"].get(membership) == simdjson::SUCCESS &&
      membership.is_object())
    apply_membership(membership, out, fields);
  out.fields = fields.build();
  return true;
}

}  // namespace rosterform::healthie
