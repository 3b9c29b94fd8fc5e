#include "engine/plan/schema_fields.hpp"

#include "engine/plan/identity_index.hpp"

namespace rosterform::engine {

SchemaFields SchemaFields::of(const ResourceSchema& schema) {
  SchemaFields f;
  f.schema = &schema;
  f.email = schema.id_of("email");
  f.first_name = schema.id_of("first_name");
  f.last_name = schema.id_of("last_name");
  f.record_identifier = schema.id_of("record_identifier");
  f.active = schema.id_of("active");
  f.is_admin = schema.id_of("is_admin");
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    if (schema.fields[i].type == FieldType::reference) {
      f.reference = static_cast<FieldId>(i);
      break;
    }
  }
  return f;
}

bool is_sensitive(Kind kind, const FieldSpec& spec) {
  switch (spec.sensitivity) {
    case Sensitivity::phi:
      return true;
    case Sensitivity::identity:
      return kind == Kind::client;
    case Sensitivity::plain:
      return false;
  }
  return true;
}

bool same_value(const FieldSpec& spec, std::string_view a, std::string_view b) {
  if (spec.type == FieldType::email || spec.type == FieldType::reference) {
    return equals_folded(a, b);
  }
  return a == b;
}

}  // namespace rosterform::engine
