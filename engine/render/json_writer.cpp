#include "engine/render/json_writer.hpp"

#include <fmt/format.h>

namespace rosterform::engine::render {

std::string json_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char c : s) {
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
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void JsonWriter::newline() {
  m_out += '\n';
  m_out.append(m_first.size() * 2, ' ');
}

void JsonWriter::before_value() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) {
      m_out += ',';
    }
    m_first.back() = false;
    newline();
  }
}

void JsonWriter::begin_object() {
  before_value();
  m_out += '{';
  m_first.push_back(true);
}

void JsonWriter::end_object() {
  bool empty = m_first.back();
  m_first.pop_back();
  if (!empty) {
    newline();
  }
  m_out += '}';
}

void JsonWriter::begin_array() {
  before_value();
  m_out += '[';
  m_first.push_back(true);
}

void JsonWriter::end_array() {
  bool empty = m_first.back();
  m_first.pop_back();
  if (!empty) {
    newline();
  }
  m_out += ']';
}

void JsonWriter::key(std::string_view name) {
  before_value();
  m_out += json_quote(name);
  m_out += ": ";
  m_after_key = true;
}

void JsonWriter::string(std::string_view s) {
  before_value();
  m_out += json_quote(s);
}

void JsonWriter::boolean(bool b) {
  before_value();
  m_out += b ? "true" : "false";
}

void JsonWriter::number(std::uint64_t n) {
  before_value();
  m_out += fmt::format("{}", n);
}

void JsonWriter::null() {
  before_value();
  m_out += "null";
}

std::string JsonWriter::take() {
  m_out += '\n';
  return std::move(m_out);
}

}  // namespace rosterform::engine::render
