#pragma once
// A streaming interface over nlohmann-json for the plan's machine-readable
// output. The renderer emits the plan field by field in a fixed order;
// nlohmann builds the ordered document and does all escaping and layout
// (two-space indent), so golden files stay readable and diffable. The
// library stays private to rosterform_engine: this header exposes none of it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace rosterform::engine::render {

class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

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

  // The document, indented, with a final newline.
  [[nodiscard]] std::string take();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// `s` as a JSON string literal, quotes included.
[[nodiscard]] std::string json_quote(std::string_view s);

}  // namespace rosterform::engine::render
