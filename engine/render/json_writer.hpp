#pragma once
// A small streaming JSON writer for the plan's machine-readable output.
//
// Rendering only ever writes JSON, so the engine keeps no JSON library
// dependency (engine/ links fmt and tl-expected only): this writer escapes
// strings per RFC 8259 and indents by two spaces, which keeps golden files
// readable and diffable. Tests parse its output back with nlohmann-json.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rosterform::engine::render {

class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The next value belongs to `name` in the current object.
  void key(std::string_view name);
  void string(std::string_view s);
  void boolean(bool b);
  void number(std::uint64_t n);
  void null();

  // Shorthands for "key": value.
  void field(std::string_view name, std::string_view s) { key(name); string(s); }
  void field(std::string_view name, const char* s) { key(name); string(s); }
  void field(std::string_view name, bool b) { key(name); boolean(b); }
  void field(std::string_view name, std::uint64_t n) { key(name); number(n); }

  [[nodiscard]] std::string take();

 private:
  void before_value();
  void newline();

  std::string m_out;
  std::vector<bool> m_first;  // per open container: no element written yet
  bool m_after_key = false;
};

// `s` as a JSON string literal, quotes included.
[[nodiscard]] std::string json_quote(std::string_view s);

}  // namespace rosterform::engine::render
