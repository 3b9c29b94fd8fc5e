#include "engine/render/json_writer.hpp"

#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/output/text_gate.hpp"

namespace rosterform::engine::render {

using nlohmann::ordered_json;

// Open containers are kept as pointers into the document. A container only
// grows while it is the innermost one, so a pointer to it stays valid until
// it is closed.
struct JsonWriter::Impl {
  ordered_json root;
  std::vector<ordered_json*> open;
  std::string pending_key;
  bool has_root = false;

  ordered_json* add(ordered_json value) {
    if (open.empty()) {
      if (has_root) {
        throw std::logic_error("JsonWriter: a second top-level value");
      }
      has_root = true;
      root = std::move(value);
      return &root;
    }
    ordered_json& parent = *open.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    ordered_json& slot = parent[pending_key];
    slot = std::move(value);
    return &slot;
  }
};

JsonWriter::JsonWriter() : m_impl(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

void JsonWriter::begin_object() { m_impl->open.push_back(m_impl->add(ordered_json::object())); }
void JsonWriter::end_object() { m_impl->open.pop_back(); }
void JsonWriter::begin_array() { m_impl->open.push_back(m_impl->add(ordered_json::array())); }
void JsonWriter::end_array() { m_impl->open.pop_back(); }
void JsonWriter::key(std::string_view name) { m_impl->pending_key.assign(name); }
void JsonWriter::string(std::string_view s) { m_impl->add(std::string(s)); }
void JsonWriter::boolean(bool b) { m_impl->add(b); }
void JsonWriter::number(std::uint64_t n) { m_impl->add(n); }
void JsonWriter::null() { m_impl->add(nullptr); }

// nlohmann escapes C0 inside strings but writes C1 and bidi controls raw;
// the gate turns those into \u escapes, which keeps the document valid.
std::string JsonWriter::take() { return output::printable(m_impl->root.dump(2)) + "\n"; }

std::string json_quote(std::string_view s) {
  return output::printable(ordered_json(std::string(s)).dump());
}

}  // namespace rosterform::engine::render
