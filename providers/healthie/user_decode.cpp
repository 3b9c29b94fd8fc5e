#include "providers/healthie/user_decode.hpp"

#include <array>
#include <cctype>

#include "engine/staff_ref.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

// Baseline dob is a free String ("1985-02-03" or with a time); the roster
// compares YYYY-MM-DD.
std::optional<std::string> date_only(std::optional<std::string> value) {
  if (value && value->size() > 10 && (*value)[4] == '-' && (*value)[7] == '-')
    value->resize(10);
  return value;
}

// One field's value from `object`, decoded as its row says; nullopt when
// Healthie holds null (absent in the roster).
std::optional<std::string> decode_field(element object, const HealthieField& row,
                                        const StaffEmails* staff) {
  switch (row.decode) {
    case Decode::text:
      return string_member(object, row.key);
    case Decode::date:
      return date_only(string_member(object, row.key));
    case Decode::boolean: {
      auto b = bool_member(object, row.key);
      return b ? std::optional<std::string>(*b ? "true" : "false") : std::nullopt;
    }
    case Decode::staff_reference: {
      auto id = id_member(object, row.key);
      if (!id || id->empty())
        return std::nullopt;
      if (staff != nullptr) {
        if (auto hit = staff->find(*id); hit != staff->end())
          return engine::StaffRef::email(hit->second).text();
      }
      return engine::StaffRef::healthie_id(*id).text();
    }
  }
  return std::nullopt;
}

// Every field of `kind` read from `source`, straight from the field table.
void decode_fields(element object, engine::Kind kind, Source source, const StaffEmails* staff,
                   engine::RecordBuilder& record) {
  auto rows = field_table(kind);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].source != source)
      continue;
    if (auto value = decode_field(object, rows[i], staff))
      record.set(static_cast<engine::FieldId>(i), std::move(*value));
  }
}

// A status Healthie holds as null reads as its default (RemoteUser::is_active,
// RemoteUser::is_admin), written into the record so that a plan shows the
// value it compares.
void default_bool(engine::RecordBuilder& record, const engine::ResourceSchema& schema,
                  std::string_view name, std::string_view absent) {
  if (auto id = schema.id_of(name); id && !record.has(*id))
    record.set(*id, absent);
}

// What every Healthie user carries: id, kind, updated_at.
bool decode_common(element user, engine::Kind kind, engine::RemoteUser& out) {
  auto id = id_member(user, "id");
  if (!id)
    return false;
  out.kind = kind;
  out.user_id = *id;
  out.updated_at = string_member(user, "updated_at").value_or("");
  return true;
}

bool decode_staff_user(element user, engine::RemoteUser& out, engine::RecordBuilder& fields) {
  if (!decode_common(user, engine::Kind::staff, out))
    return false;
  decode_fields(user, engine::Kind::staff, Source::user, nullptr, fields);
  default_bool(fields, staff_schema(), "active", "true");
  return true;
}

void apply_membership(element membership, engine::RemoteUser& out, engine::RecordBuilder& fields) {
  out.membership_id = id_member(membership, "id").value_or("");
  decode_fields(membership, engine::Kind::staff, Source::membership, nullptr, fields);
  default_bool(fields, staff_schema(), "is_admin", "false");
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
  engine::RecordBuilder fields;
  decode_fields(user, engine::Kind::client, Source::user, &staff, fields);
  default_bool(fields, client_schema(), "active", "true");
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
