#include "providers/healthie/json_text.hpp"

#include <array>

namespace rosterform::healthie {

void append_json_string(std::string& out, std::string_view text) {
  constexpr std::array<char, 16> k_hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                          '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  out.push_back('"');
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out.push_back(k_hex[u >> 4U]);
          out.push_back(k_hex[u & 0xFU]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void JsonObject::key(std::string_view name) {
  if (m_text.size() > 1)
    m_text.push_back(',');
  append_json_string(m_text, name);
  m_text.push_back(':');
}

JsonObject& JsonObject::string(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(m_text, value);
  return *this;
}

JsonObject& JsonObject::optional_string(std::string_view name,
                                        const std::optional<std::string>& value) {
  return value ? string(name, *value) : null(name);
}

JsonObject& JsonObject::null(std::string_view name) {
  key(name);
  m_text += "null";
  return *this;
}

JsonObject& JsonObject::integer(std::string_view name, long long value) {
  key(name);
  m_text += std::to_string(value);
  return *this;
}

JsonObject& JsonObject::boolean(std::string_view name, bool value) {
  key(name);
  m_text += value ? "true" : "false";
  return *this;
}

JsonObject& JsonObject::raw(std::string_view name, std::string_view json) {
  key(name);
  m_text += json;
  return *this;
}

std::string numbered(std::string_view prefix, std::size_t i) {
  std::string out(prefix);
  out += std::to_string(i);
  return out;
}

std::string graphql_body(std::string_view operation_name, std::string_view document,
                         std::string_view variables_json) {
  std::string out;
  out.reserve(document.size() + variables_json.size() + 64);
  out += "{\"operationName\":";
  append_json_string(out, operation_name);
  out += ",\"query\":";
  append_json_string(out, document);
  out += ",\"variables\":";
  out += variables_json.empty() ? "{}" : variables_json;
  out += "}";
  return out;
}

}  // namespace rosterform::healthie
