#include "providers/healthie/input_fields.hpp"

#include <algorithm>

#include "providers/healthie/resource_schema.hpp"

namespace rosterform::healthie {

namespace {

// Whether a change of `row` travels in `input`, as its carrier says.
bool carries(MutationInput input, const HealthieField& row) {
  switch (input) {
    case MutationInput::create_client:
      return row.carrier == Carrier::client;
    case MutationInput::update_client:
      return row.carrier == Carrier::client || row.carrier == Carrier::client_status;
    case MutationInput::create_membership:
      return row.on_member_create;
    case MutationInput::update_member:
      return row.carrier == Carrier::member_profile;
    case MutationInput::update_membership:
      return row.carrier == Carrier::membership;
  }
  return false;
}

engine::Kind kind_of(MutationInput input) {
  switch (input) {
    case MutationInput::create_client:
    case MutationInput::update_client:
      return engine::Kind::client;
    case MutationInput::create_membership:
    case MutationInput::update_member:
    case MutationInput::update_membership:
      return engine::Kind::staff;
  }
  return engine::Kind::client;
}

// What mutation_inputs.cpp writes besides the table's fields.
std::vector<std::string_view> fixed_fields(MutationInput input) {
  switch (input) {
    case MutationInput::create_client:
      return {"dont_send_welcome"};
    case MutationInput::update_client:
    case MutationInput::update_member:
      return {"id"};
    case MutationInput::create_membership:
      return {"organization_id", "send_invite_email"};
    case MutationInput::update_membership:
      return {"id", "provider_to_receive_clients"};
  }
  return {};
}

}  // namespace

std::string_view input_type_name(MutationInput input) {
  switch (input) {
    case MutationInput::create_client:
      return "createClientInput";
    case MutationInput::update_client:
      return "updateClientInput";
    case MutationInput::create_membership:
      return "createOrganizationMembershipInput";
    case MutationInput::update_member:
      return "updateOrganizationMemberInput";
    case MutationInput::update_membership:
      return "updateOrganizationMembershipInput";
  }
  return "";
}

std::vector<std::string_view> sent_input_fields(MutationInput input) {
  std::vector<std::string_view> out;
  auto add = [&out](std::string_view name) {
    if (std::find(out.begin(), out.end(), name) == out.end())
      out.push_back(name);
  };
  for (const HealthieField& row : field_table(kind_of(input))) {
    if (carries(input, row))
      add(row.spec.healthie_input);
  }
  for (std::string_view name : fixed_fields(input))
    add(name);
  return out;
}

}  // namespace rosterform::healthie
