#include "providers/healthie/resource_schema.hpp"

#include <array>
#include <string_view>

namespace rosterform::healthie {

namespace {

using engine::FieldSpec;
using engine::FieldType;
using engine::Sensitivity;

constexpr std::array<std::string_view, 2> k_org_roles = {"Standard", "Support"};

// Staff are workforce data and are shown in plans, except the phone number.
// Profile fields go through updateOrganizationMember; org_role, is_admin and
// active through updateOrganizationMembership. createOrganizationMembership
// takes only some profile fields; the rest follow in a profile update.
constexpr std::array<HealthieField, 10> k_staff_fields = {{
    {{"email", FieldType::email, true, true, Sensitivity::identity, "email", {},
      "Login email; staff are matched by it, case-insensitively."},
     "email", {"email", "email"}, Source::user, Decode::text, Carrier::member_profile, true},
    {{"first_name", FieldType::string, true, true, Sensitivity::plain, "first_name", {},
      "First name."},
     "first_name", {"first_name", "first_name"},
     Source::user, Decode::text, Carrier::member_profile, true},
    {{"last_name", FieldType::string, true, true, Sensitivity::plain, "last_name", {},
      "Last name."},
     "last_name", {"last_name", "last_name"},
     Source::user, Decode::text, Carrier::member_profile, true},
    {{"org_role", FieldType::enumeration, false, true, Sensitivity::plain, "org_role", k_org_roles,
      "Standard (a provider) or Support (a support member). Healthie's default is Standard."},
     "org_role", {"org_role", "org_role"},
     Source::membership, Decode::text, Carrier::membership, true},
    {{"is_admin", FieldType::boolean, false, true, Sensitivity::plain, "is_admin", {},
      "Organization admin: may manage members."},
     "is_admin", {"is_admin", "is_admin"},
     Source::membership, Decode::boolean, Carrier::membership, false},
    {{"timezone", FieldType::timezone, false, true, Sensitivity::plain, "timezone", {},
      "IANA time zone, e.g. America/New_York."},
     "timezone", {"timezone", "timezone"},
     Source::user, Decode::text, Carrier::member_profile, true},
    {{"phone_number", FieldType::phone, false, true, Sensitivity::phi, "phone_number", {},
      "Phone number; hidden in plans like client data."},
     "phone_number", {"phone_number", "phone_number"},
     Source::user, Decode::text, Carrier::member_profile, false},
    {{"npi", FieldType::string, false, true, Sensitivity::plain, "npi", {},
      "National Provider Identifier."},
     "npi", {"npi", "npi"}, Source::user, Decode::text, Carrier::member_profile, false},
    {{"qualifications", FieldType::string, false, true, Sensitivity::plain, "qualifications", {},
      "Credentials shown to clients, e.g. RD, LDN."},
     "qualifications", {"qualifications", "qualifications"},
     Source::user, Decode::text, Carrier::member_profile, false},
    {{"active", FieldType::boolean, false, true, Sensitivity::plain, "active", {},
      "false deactivates the membership; Healthie never deletes members."},
     "active", {"active", "active"}, Source::user, Decode::boolean, Carrier::membership, false},
}};

// Everything about a client is PHI. Identity fields are the ones used to
// match a roster entry to a Healthie user; they are PHI too.
constexpr std::array<HealthieField, 11> k_client_fields = {{
    {{"email", FieldType::email, true, true, Sensitivity::identity, "email", {},
      "Client email; with first and last name it identifies a client without key or "
      "record_identifier."},
     "email", {"email", "email"}},
    {{"first_name", FieldType::string, true, true, Sensitivity::identity, "first_name", {},
      "First name."},
     "first_name", {"first_name", "first_name"}},
    {{"last_name", FieldType::string, true, true, Sensitivity::identity, "last_name", {},
      "Last name."},
     "last_name", {"last_name", "last_name"}},
    {{"record_identifier", FieldType::string, false, true, Sensitivity::identity,
      "record_identifier", {}, "The practice's own record number (MRN)."},
     "record_identifier", {"record_identifier", "record_identifier"}},
    {{"legal_name", FieldType::string, false, true, Sensitivity::phi, "legal_name", {},
      "Legal name, when it differs from the preferred first name."},
     "legal_name", {"legal_name", "legal_name"}},
    {{"dob", FieldType::date, false, true, Sensitivity::phi, "dob", {},
      "Date of birth, YYYY-MM-DD."},
     "dob", {"dob", "dob"}, Source::user, Decode::date},
    {{"gender", FieldType::string, false, true, Sensitivity::phi, "gender", {}, "Gender."},
     "gender", {"gender", "gender"}},
    {{"phone_number", FieldType::phone, false, true, Sensitivity::phi, "phone_number", {},
      "Phone number."},
     "phone_number", {"phone_number", "phone_number"}},
    {{"timezone", FieldType::timezone, false, true, Sensitivity::phi, "timezone", {},
      "IANA time zone."},
     "timezone", {"timezone", "timezone"}},
    {{"provider", FieldType::reference, false, true, Sensitivity::plain, "dietitian_id", {},
      "Email of the client's provider (a staff entry); resolved to dietitian_id."},
     "dietitian_id", {"dietitian_id", "dietitian_id"}, Source::user, Decode::staff_reference},
    {{"active", FieldType::boolean, false, true, Sensitivity::phi, "active", {},
      "false archives the client; Healthie never deletes clients."},
     "active", {"active", "active"}, Source::user, Decode::boolean, Carrier::client_status},
}};

template <std::size_t N>
constexpr std::array<FieldSpec, N> specs_of(const std::array<HealthieField, N>& rows) {
  std::array<FieldSpec, N> out{};
  for (std::size_t i = 0; i < N; ++i) {
    out[i] = rows[i].spec;
  }
  return out;
}

constexpr std::array<FieldSpec, k_staff_fields.size()> k_staff_specs = specs_of(k_staff_fields);
constexpr std::array<FieldSpec, k_client_fields.size()> k_client_specs = specs_of(k_client_fields);

const engine::ResourceSchema k_staff{engine::Kind::staff, k_staff_specs};
const engine::ResourceSchema k_client{engine::Kind::client, k_client_specs};

}  // namespace

const engine::ResourceSchema& staff_schema() { return k_staff; }
const engine::ResourceSchema& client_schema() { return k_client; }
const engine::ResourceSchema& schema_for(engine::Kind kind) {
  switch (kind) {
    case engine::Kind::staff:
      return k_staff;
    case engine::Kind::client:
      return k_client;
  }
  return k_client;
}

std::span<const HealthieField> field_table(engine::Kind kind) {
  switch (kind) {
    case engine::Kind::staff:
      return k_staff_fields;
    case engine::Kind::client:
      return k_client_fields;
  }
  return k_client_fields;
}

const HealthieField& field_row(engine::Kind kind, engine::FieldId id) {
  return field_table(kind)[id];
}

std::string_view leaf_in(const HealthieField& field, ApiShape shape) {
  switch (shape) {
    case ApiShape::baseline:
      return field.selection.baseline;
    case ApiShape::connections:
      return field.selection.connections;
  }
  return field.key;
}

std::string selected(const HealthieField& field, ApiShape shape) {
  std::string_view leaf = leaf_in(field, shape);
  if (leaf == field.key)
    return std::string(leaf);
  return std::string(field.key) + ": " + std::string(leaf);
}

std::string selection_of(engine::Kind kind, Source source, ApiShape shape) {
  std::string out;
  for (const HealthieField& f : field_table(kind)) {
    if (f.source == source)
      out += (out.empty() ? "" : " ") + selected(f, shape);
  }
  return out;
}

}  // namespace rosterform::healthie
