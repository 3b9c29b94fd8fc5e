#pragma once
// Healthie's two resource kinds, described field by field: the one table
// that drives the provider and the engine.
//
// Each row gives the engine its FieldSpec (the loader validates with it, the
// diff decides what may be updated, rendering decides what is PHI, `rosterform
// schema` turns it into a JSON Schema) and gives the provider everything else:
// the GraphQL leaf it selects per API shape and on which object (documents.cpp), how the
// answer decodes (user_decode.cpp), and which Healthie call carries a change
// (mutation_inputs.cpp, mutation_plans.cpp). Adding a managed field is one row
// here plus its simulator support; tests/integration/test_field_roundtrip.sh
// walks every row.

#include <cstdint>
#include <span>
#include <string>

#include "engine/resource_schema.hpp"
#include "providers/healthie/api_version.hpp"

namespace rosterform::healthie {

// Where a field is read: the User, or (staff) its OrganizationMembership.
enum class Source : std::uint8_t { user, membership };

// How the selected leaf becomes the roster value.
enum class Decode : std::uint8_t {
  text,             // a String (or ID), as is
  date,             // YYYY-MM-DD; the baseline's free String may carry a time, cut off
  boolean,          // true/false
  staff_reference,  // a staff user id, shown as that member's email
};

// Which Healthie call carries a change of the field.
enum class Carrier : std::uint8_t {
  client,          // createClient / updateClient input
  client_status,   // archive / unarchive: updateClient {active}, its own call
  member_profile,  // updateOrganizationMember input
  membership,      // updateOrganizationMembership input
};

// The GraphQL leaf read for the field, per response shape, written
// positionally in the rows. One member per ApiShape: a new shape is a new
// member here, and every row that does not name its leaf for it is a
// -Wmissing-field-initializers error (and leaf_in's switch a -Wswitch one).
struct Selection {
  std::string_view baseline;
  std::string_view connections;
};

struct HealthieField {
  engine::FieldSpec spec;  // spec.healthie_input: the mutation input name
  // The member the decoder reads in every shape. A shape whose leaf is named
  // otherwise selects it under this name as an alias (`key: leaf`).
  std::string_view key;
  Selection selection;
  Source source = Source::user;
  Decode decode = Decode::text;
  Carrier carrier = Carrier::client;
  bool on_member_create = false;  // createOrganizationMembership takes it
};

[[nodiscard]] const engine::ResourceSchema& staff_schema();
[[nodiscard]] const engine::ResourceSchema& client_schema();
[[nodiscard]] const engine::ResourceSchema& schema_for(engine::Kind kind);

// The rows, in FieldId order (row i describes schema_for(kind).at(i)).
[[nodiscard]] std::span<const HealthieField> field_table(engine::Kind kind);
[[nodiscard]] const HealthieField& field_row(engine::Kind kind, engine::FieldId id);

// The leaf `shape` selects for the field (an exhaustive switch over ApiShape).
[[nodiscard]] std::string_view leaf_in(const HealthieField& field, ApiShape shape);
// The field as written in a selection set for `shape`: `leaf`, or `key: leaf`.
[[nodiscard]] std::string selected(const HealthieField& field, ApiShape shape);

// The leaves of `source` for `kind` in `shape`, space-separated, in table order.
[[nodiscard]] std::string selection_of(engine::Kind kind, Source source, ApiShape shape);

}  // namespace rosterform::healthie
