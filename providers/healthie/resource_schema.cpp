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
// active through updateOrganizationMembership (see providers/healthie).
const std::array<FieldSpec, 10> k_staff_fields = {{
    {"email", FieldType::email, true, true, Sensitivity::identity, "email", {},
     "Login email; staff are matched by it, case-insensitively."},
    {"first_name", FieldType::string, true, true, Sensitivity::plain, "first_name", {}, "First name."},
    {"last_name", FieldType::string, true, true, Sensitivity::plain, "last_name", {}, "Last name."},
    {"org_role", FieldType::enumeration, false, true, Sensitivity::plain, "org_role", k_org_roles,
     "Standard (a provider) or Support (a support member). Healthie's default is Standard."},
    {"is_admin", FieldType::boolean, false, true, Sensitivity::plain, "is_admin", {},
     "Organization admin: may manage members."},
    {"timezone", FieldType::timezone, false, true, Sensitivity::plain, "timezone", {},
     "IANA time zone, e.g. America/New_York."},
    {"phone_number", FieldType::phone, false, true, Sensitivity::phi, "phone_number", {},
     "Phone number; hidden in plans like client data."},
    {"npi", FieldType::string, false, true, Sensitivity::plain, "npi", {},
     "National Provider Identifier."},
    {"qualifications", FieldType::string, false, true, Sensitivity::plain, "qualifications", {},
     "Credentials shown to clients, e.g. RD, LDN."},
    {"active", FieldType::boolean, false, true, Sensitivity::plain, "active", {},
     "false deactivates the membership; Healthie never deletes members."},
}};

// Everything about a client is PHI. Identity fields are the ones used to
// match a roster entry to a Healthie user; they are PHI too.
const std::array<FieldSpec, 11> k_client_fields = {{
    {"email", FieldType::email, true, true, Sensitivity::identity, "email", {},
     "Client email; with first and last name it identifies a client without key or "
     "record_identifier."},
    {"first_name", FieldType::string, true, true, Sensitivity::identity, "first_name", {},
     "First name."},
    {"last_name", FieldType::string, true, true, Sensitivity::identity, "last_name", {},
     "Last name."},
    {"record_identifier", FieldType::string, false, true, Sensitivity::identity,
     "record_identifier", {}, "The practice's own record number (MRN)."},
    {"legal_name", FieldType::string, false, true, Sensitivity::phi, "legal_name", {},
     "Legal name, when it differs from the preferred first name."},
    {"dob", FieldType::date, false, true, Sensitivity::phi, "dob", {},
     "Date of birth, YYYY-MM-DD."},
    {"gender", FieldType::string, false, true, Sensitivity::phi, "gender", {}, "Gender."},
    {"phone_number", FieldType::phone, false, true, Sensitivity::phi, "phone_number", {},
     "Phone number."},
    {"timezone", FieldType::timezone, false, true, Sensitivity::phi, "timezone", {},
     "IANA time zone."},
    {"provider", FieldType::reference, false, true, Sensitivity::plain, "dietitian_id", {},
     "Email of the client's provider (a staff entry); resolved to dietitian_id."},
    {"active", FieldType::boolean, false, true, Sensitivity::phi, "active", {},
     "false archives the client; Healthie never deletes clients."},
}};

const engine::ResourceSchema k_staff{engine::Kind::staff, k_staff_fields};
const engine::ResourceSchema k_client{engine::Kind::client, k_client_fields};

}  // namespace

const engine::ResourceSchema& staff_schema() { return k_staff; }
const engine::ResourceSchema& client_schema() { return k_client; }
const engine::ResourceSchema& schema_for(engine::Kind kind) {
  return kind == engine::Kind::staff ? k_staff : k_client;
}

}  // namespace rosterform::healthie
