#include "engine/record.hpp"

#include <algorithm>

namespace rosterform::engine {

namespace {
auto lower(std::vector<std::pair<FieldId, std::string>>& v, FieldId id) {
  return std::lower_bound(v.begin(), v.end(), id,
                          [](const auto& entry, FieldId key) { return entry.first < key; });
}
}  // namespace

void Record::set(FieldId id, std::string value) {
  auto it = lower(m_fields, id);
  if (it != m_fields.end() && it->first == id) {
    it->second = std::move(value);
  } else {
    m_fields.emplace(it, id, std::move(value));
  }
}

void Record::erase(FieldId id) {
  auto it = lower(m_fields, id);
  if (it != m_fields.end() && it->first == id) {
    m_fields.erase(it);
  }
}

const std::string* Record::get(FieldId id) const {
  auto it = std::lower_bound(m_fields.begin(), m_fields.end(), id,
                             [](const auto& entry, FieldId key) { return entry.first < key; });
  if (it != m_fields.end() && it->first == id) {
    return &it->second;
  }
  return nullptr;
}

}  // namespace rosterform::engine
