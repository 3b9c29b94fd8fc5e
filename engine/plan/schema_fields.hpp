#pragma once
// The few fields the diff gives a meaning beyond "a value to compare",
// looked up once by name in a provider's ResourceSchema. The names are the
// roster's identity rules (docs/roster-format.md): staff are matched by
// email; clients by record_identifier, else email with first and last name.
// A schema without one of them simply has no such rule.

#include <optional>

#include "engine/resource_schema.hpp"

namespace rosterform::engine {

struct SchemaFields {
  const ResourceSchema* schema = nullptr;
  std::optional<FieldId> email;
  std::optional<FieldId> first_name;
  std::optional<FieldId> last_name;
  std::optional<FieldId> record_identifier;
  std::optional<FieldId> active;
  std::optional<FieldId> is_admin;
  std::optional<FieldId> reference;  // the first FieldType::reference field

  [[nodiscard]] static SchemaFields of(const ResourceSchema& schema);
};

// Whether a field's value must be masked in output. PHI always is; identity
// fields are for clients (their name, email and record number are PHI) but
// not for staff (a member's identity is their work email, which is also
// their roster key); plain fields never are.
[[nodiscard]] bool is_sensitive(Kind kind, const FieldSpec& spec);

// Whether two values of a field are the same: emails and references compare
// without case, everything else exactly.
[[nodiscard]] bool same_value(const FieldSpec& spec, std::string_view a, std::string_view b);

}  // namespace rosterform::engine
