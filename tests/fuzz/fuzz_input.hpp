#pragma once
// Shared by the harnesses: how one fuzz input carries several documents.
//
// Parts are separated by a line holding only "%%" (k_part_separator), so a
// seed stays a readable text file and the mutator can add or drop a part by
// inserting or deleting one token (it is in every dictionary).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace rosterform::fuzz {

inline constexpr std::string_view k_part_separator = "\n%%\n";

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};  // NOLINT: libFuzzer hands bytes
}

// At most `max_parts` parts; the last one keeps any further separators.
inline std::vector<std::string_view> split_parts(std::string_view text, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    auto at = text.find(k_part_separator);
    if (at == std::string_view::npos)
      break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + k_part_separator.size());
  }
  parts.push_back(text);
  return parts;
}

// The first byte picks a mode; the rest is the input proper.
struct Selector {
  std::uint8_t mode = 0;
  std::string_view rest;
};

inline Selector take_selector(std::string_view text) {
  if (text.empty())
    return {};
  return {static_cast<std::uint8_t>(text.front()), text.substr(1)};
}

}  // namespace rosterform::fuzz
