#pragma once
// INTERNAL to rosterform_healthie: the input objects rosterform's mutations
// send as $input, and every field name it may put in each — the field
// table's Healthie input names (FieldSpec::healthie_input) by the call that
// carries them, plus the few fields mutation_inputs.cpp adds itself (ids,
// notification flags, the receiver of a deactivated member's clients).
//
// `doctor` checks these names against Healthie's schema by introspection:
// a mutation document sent without $input never shows Healthie its input
// fields, so a renamed input field is found only this way.

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace rosterform::healthie {

enum class MutationInput : std::uint8_t {
  create_client,      // createClientInput
  update_client,      // updateClientInput (also archive / unarchive)
  create_membership,  // createOrganizationMembershipInput
  update_member,      // updateOrganizationMemberInput
  update_membership,  // updateOrganizationMembershipInput
};

inline constexpr std::array<MutationInput, 5> k_mutation_inputs = {
    MutationInput::create_client, MutationInput::update_client, MutationInput::create_membership,
    MutationInput::update_member, MutationInput::update_membership};

// The GraphQL input type, e.g. "createClientInput".
[[nodiscard]] std::string_view input_type_name(MutationInput input);

// Every field name rosterform may send in `input`, without repeats, table
// order first, then the fixed ones.
[[nodiscard]] std::vector<std::string_view> sent_input_fields(MutationInput input);

}  // namespace rosterform::healthie
