#include "providers/healthie/mutation_inputs.hpp"

#include <array>

#include "providers/healthie/json_text.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::healthie {

namespace {

using engine::FieldType;

const HealthieField& staff_row(engine::FieldId id) {
  return field_row(engine::Kind::staff, id);
}

bool carried_by_membership(engine::FieldId id) {
  return staff_row(id).carrier == Carrier::membership;
}

// An empty roster value clears the field in Healthie.
void put_value(JsonObject& input, const engine::FieldSpec& spec, std::string_view value) {
  if (spec.type == FieldType::boolean) {
    input.boolean(spec.healthie_input, value == "true");
  } else if (value.empty()) {
    input.null(spec.healthie_input);
  } else {
    input.string(spec.healthie_input, value);
  }
}

engine::Status put_client_fields(JsonObject& input, const engine::Mutation& m,
                                 const ResolveStaff& resolve) {
  const engine::ResourceSchema& schema = client_schema();
  for (const auto& [id, value] : m.fields.fields()) {
    const engine::FieldSpec& spec = schema.at(id);
    if (field_row(engine::Kind::client, id).carrier == Carrier::client_status)
      continue;  // archive/unarchive are their own mutations
    if (spec.type == FieldType::reference) {
      auto staff_id = resolve(std::string(value));
      if (!staff_id)
        return tl::unexpected(staff_id.error());
      input.string(spec.healthie_input, *staff_id);
      continue;
    }
    put_value(input, spec, value);
  }
  return {};
}

}  // namespace

engine::Result<std::string> create_client_input(const engine::Mutation& m,
                                                const ResolveStaff& resolve) {
  JsonObject input;
  ROSTERFORM_TRY(put_client_fields(input, m, resolve));
  input.boolean("dont_send_welcome", !m.notify);
  return JsonObject().raw("input", input.str()).str();
}

engine::Result<std::string> update_client_input(const engine::Mutation& m,
                                                const std::string& user_id,
                                                const ResolveStaff& resolve) {
  JsonObject input;
  input.string("id", user_id);
  ROSTERFORM_TRY(put_client_fields(input, m, resolve));
  return JsonObject().raw("input", input.str()).str();
}

std::string set_active_input(const std::string& user_id, bool active) {
  JsonObject input;
  input.string("id", user_id).boolean("active", active);
  return JsonObject().raw("input", input.str()).str();
}

std::string create_membership_input(const engine::Mutation& m, const std::string& organization_id) {
  JsonObject input;
  input.string("organization_id", organization_id);
  const engine::ResourceSchema& schema = staff_schema();
  for (const auto& [id, value] : m.fields.fields()) {
    if (staff_row(id).on_member_create && !value.empty())
      put_value(input, schema.at(id), value);
  }
  input.boolean("send_invite_email", m.notify);
  return JsonObject().raw("input", input.str()).str();
}

std::optional<std::string> member_profile_input(const engine::Mutation& m,
                                                const std::string& user_id, bool after_create) {
  JsonObject input;
  input.string("id", user_id);
  bool any = false;
  const engine::ResourceSchema& schema = staff_schema();
  for (const auto& [id, value] : m.fields.fields()) {
    if (carried_by_membership(id))
      continue;
    if (after_create && (staff_row(id).on_member_create || value.empty()))
      continue;
    put_value(input, schema.at(id), value);
    any = true;
  }
  if (!any)
    return std::nullopt;
  return JsonObject().raw("input", input.str()).str();
}

engine::Result<std::optional<std::string>> membership_input(const engine::Mutation& m,
                                                            const std::string& membership_id,
                                                            bool after_create,
                                                            const ResolveStaff& resolve) {
  JsonObject input;
  input.string("id", membership_id);
  bool any = false;
  const engine::ResourceSchema& schema = staff_schema();
  for (const auto& [id, value] : m.fields.fields()) {
    const engine::FieldSpec& spec = schema.at(id);
    if (!carried_by_membership(id))
      continue;
    // A new member is active with its org_role already set; only the admin
    // flag needs a second call, and only when it is true.
    if (after_create && (spec.name != "is_admin" || value != "true"))
      continue;
    put_value(input, spec, value);
    any = true;
  }
  if (!m.receiver.empty()) {
    auto receiver = resolve(m.receiver);
    if (!receiver)
      return tl::unexpected(receiver.error());
    input.string("provider_to_receive_clients", *receiver);
    any = true;
  }
  if (!any)
    return std::optional<std::string>();
  return std::optional<std::string>(JsonObject().raw("input", input.str()).str());
}

}  // namespace rosterform::healthie
