#pragma once
// Writing JSON request bodies. Requests are small and their shape is fixed,
// so a tiny writer is enough; reading responses uses simdjson.

#include <optional>
#include <string>
#include <string_view>

namespace rosterform::healthie {

// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

// Builds a JSON object one member at a time: {"a":1,"b":"x"}.
class JsonObject {
 public:
  JsonObject& string(std::string_view name, std::string_view value);
  JsonObject& optional_string(std::string_view name, const std::optional<std::string>& value);
  JsonObject& null(std::string_view name);
  JsonObject& integer(std::string_view name, long long value);
  JsonObject& boolean(std::string_view name, bool value);
  JsonObject& raw(std::string_view name, std::string_view json);  // already-encoded value
  [[nodiscard]] std::string str() const { return m_text + "}"; }
  [[nodiscard]] bool empty() const { return m_text.size() == 1; }

 private:
  void key(std::string_view name);
  std::string m_text = "{";
};

// prefix + i, e.g. "s3": an alias or variable name. (Spelled out because
// GCC 12 at -O2 warns falsely on `"s" + std::to_string(i)`.)
[[nodiscard]] std::string numbered(std::string_view prefix, std::size_t i);

// The POST body of a GraphQL request.
[[nodiscard]] std::string graphql_body(std::string_view operation_name, std::string_view document,
                                       std::string_view variables_json);

}  // namespace rosterform::healthie
