#pragma once
// A person's managed fields, as plain strings keyed by FieldId.
//
// Rosters reach a million records in the benchmarks, so a record is a small
// sorted vector rather than a map: one allocation for the vector, and values
// short enough for the small-string optimisation cost nothing more. Only the
// fields a roster names are present; an absent field is unmanaged and the
// diff leaves it alone. Booleans are "true"/"false".

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/resource_schema.hpp"

namespace rosterform::engine {

class Record {
 public:
  void set(FieldId id, std::string value);
  void erase(FieldId id);
  // nullptr when the field is absent.
  [[nodiscard]] const std::string* get(FieldId id) const;
  [[nodiscard]] bool has(FieldId id) const { return get(id) != nullptr; }
  [[nodiscard]] std::size_t size() const { return m_fields.size(); }
  [[nodiscard]] bool empty() const { return m_fields.empty(); }

  // Sorted by FieldId.
  [[nodiscard]] const std::vector<std::pair<FieldId, std::string>>& fields() const {
    return m_fields;
  }

  friend bool operator==(const Record&, const Record&) = default;

 private:
  std::vector<std::pair<FieldId, std::string>> m_fields;
};

}  // namespace rosterform::engine
