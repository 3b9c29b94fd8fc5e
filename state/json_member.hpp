#pragma once
// INTERNAL to rosterform_state: reading one member of a JSON object that a
// user may have edited, without throwing.

#include <cstdint>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace rosterform::state {

// The member's value when it is present and of type T (an integer type or
// std::string), else `fallback`. nlohmann's value() throws on a member of
// another type; deciding what a file is must not.
template <typename T>
[[nodiscard]] T member_or(const nlohmann::json& j, const char* name, T fallback) {
  auto it = j.find(name);
  if (it == j.end()) {
    return fallback;
  }
  if constexpr (std::is_integral_v<T>) {
    return it->is_number_integer() ? it->template get<T>() : fallback;
  } else {
    return it->is_string() ? it->template get<std::string>() : fallback;
  }
}

}  // namespace rosterform::state
