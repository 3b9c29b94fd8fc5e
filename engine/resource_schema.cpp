#include "engine/resource_schema.hpp"

namespace rosterform::engine {

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::staff:
      return "staff";
    case Kind::client:
      return "client";
  }
  return "?";
}

std::string_view to_string(FieldType type) {
  switch (type) {
    case FieldType::string:
      return "string";
    case FieldType::email:
      return "email";
    case FieldType::date:
      return "date";
    case FieldType::timezone:
      return "timezone";
    case FieldType::phone:
      return "phone";
    case FieldType::enumeration:
      return "enum";
    case FieldType::boolean:
      return "boolean";
    case FieldType::reference:
      return "reference";
  }
  return "?";
}

const FieldSpec* ResourceSchema::find(std::string_view name) const {
  for (const FieldSpec& f : fields) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

std::optional<FieldId> ResourceSchema::id_of(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) {
      return static_cast<FieldId>(i);
    }
  }
  return std::nullopt;
}

}  // namespace rosterform::engine
