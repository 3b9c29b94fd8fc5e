#pragma once
// INTERNAL to rosterform_healthie: the parsed body of a response. Only .cpp
// files of this library include it, so simdjson stays a private dependency.

#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "providers/healthie/response.hpp"

namespace rosterform::healthie {

class JsonDocument {
 public:
  // The parser must not move once `root` points into it, so documents live
  // on the heap behind a shared_ptr.
  simdjson::dom::parser parser;
  simdjson::dom::element root;
};

// Sets `out` to `data.<name>`; false when absent.
[[nodiscard]] bool data_field(const JsonDocument& doc, std::string_view name,
                              simdjson::dom::element& out);

// A string member, or nullopt when absent, null or not a string.
[[nodiscard]] std::optional<std::string> string_member(simdjson::dom::element object,
                                                       std::string_view name);
// Like string_member, but also accepts numbers (ids are ID! which may be either).
[[nodiscard]] std::optional<std::string> id_member(simdjson::dom::element object,
                                                   std::string_view name);
[[nodiscard]] std::optional<bool> bool_member(simdjson::dom::element object, std::string_view name);
[[nodiscard]] std::optional<long long> int_member(simdjson::dom::element object,
                                                  std::string_view name);

}  // namespace rosterform::healthie
