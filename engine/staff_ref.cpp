#include "engine/staff_ref.hpp"

#include "engine/plan/identity_index.hpp"

namespace rosterform::engine {

namespace {

// The one spelling of a Healthie id in a field value.
constexpr std::string_view k_id_prefix = "id:";

}  // namespace

StaffRef StaffRef::parse(std::string_view text) {
  if (text.starts_with(k_id_prefix)) {
    return healthie_id(text.substr(k_id_prefix.size()));
  }
  return email(text);
}

std::string StaffRef::text() const {
  switch (m_kind) {
    case Kind::email:
      return std::string(m_value);
    case Kind::healthie_id:
      return std::string(k_id_prefix) + std::string(m_value);
  }
  return std::string(m_value);
}

bool operator==(const StaffRef& a, const StaffRef& b) {
  if (a.m_kind != b.m_kind) {
    return false;
  }
  switch (a.m_kind) {
    case StaffRef::Kind::email:
      return equals_folded(a.m_value, b.m_value);
    case StaffRef::Kind::healthie_id:
      return a.m_value == b.m_value;
  }
  return false;
}

}  // namespace rosterform::engine
