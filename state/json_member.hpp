#pragma once
// INTERNAL to rosterform_state: reading members of a JSON object that a
// user may have edited: without throwing (member_or), or throwing only
// nlohmann's own exceptions, which the decoders turn into located errors.

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

// An integer as T. A number with a fraction, or one too large for 64 bits
// (which the parser keeps as a double), throws nlohmann's type_error like any
// other wrong type: converting it to an integer would be undefined.
template <typename T>
[[nodiscard]] T integer(const nlohmann::json& value) {
  if (!value.is_number_integer()) {
    throw nlohmann::json::type_error::create(
        302, "an integer is required, but this is a " + std::string(value.type_name()) +
                 (value.is_number_float() ? " with a fraction or beyond 64 bits" : ""),
        &value);
  }
  return value.template get<T>();
}

// integer<T>() of a member, or `fallback` when it is absent.
template <typename T>
[[nodiscard]] T integer_or(const nlohmann::json& j, const char* name, T fallback) {
  auto it = j.find(name);
  return it == j.end() ? fallback : integer<T>(*it);
}

}  // namespace rosterform::state
