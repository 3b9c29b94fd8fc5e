#pragma once
// The vocabulary a provider uses to describe its resources to the engine.
//
// The engine validates, diffs and renders records without linking the
// provider: everything it needs to know about a field (its type, whether it
// may be set on create or changed later, whether its value is PHI, the
// provider's input name, which provider call carries a change) comes from a
// ResourceSchema. The one instance for Healthie lives in
// providers/healthie/resource_schema.cpp; tests may build their own.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace rosterform::engine {

enum class Kind : std::uint8_t { staff, client };

[[nodiscard]] std::string_view to_string(Kind kind);

// How a field's value may be shown. identity: the record's own key fields;
// phi: never printed unless the user asks; plain: workforce data, printed.
enum class Sensitivity : std::uint8_t { identity, phi, plain };

enum class FieldType : std::uint8_t {
  string,
  email,
  date,         // YYYY-MM-DD, in the past
  timezone,     // IANA zone name
  phone,
  enumeration,  // one of FieldSpec::allowed
  boolean,
  reference,    // a staff member's email, resolved to a Healthie id
};

[[nodiscard]] std::string_view to_string(FieldType type);

using FieldId = std::uint8_t;

struct FieldSpec {
  std::string_view name;  // the roster YAML key
  FieldType type = FieldType::string;
  bool required_on_create = false;
  bool updatable = true;
  Sensitivity sensitivity = Sensitivity::plain;
  std::string_view healthie_input;  // the provider's input field name
  std::span<const std::string_view> allowed = {};
  std::string_view description;
};

struct ResourceSchema {
  Kind kind = Kind::client;
  std::span<const FieldSpec> fields;

  [[nodiscard]] const FieldSpec* find(std::string_view name) const;
  [[nodiscard]] std::optional<FieldId> id_of(std::string_view name) const;
  [[nodiscard]] const FieldSpec& at(FieldId id) const { return fields[id]; }
};

}  // namespace rosterform::engine
