#include "engine/render/comment_budget.hpp"

namespace rosterform::engine::render {

TextSize measure(std::string_view utf8) {
  TextSize size{0, utf8.size()};
  for (char ch : utf8) {
    auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0U) == 0x80U) {
      continue;  // a continuation byte: counted with its lead byte
    }
    // A four-byte sequence is outside the Basic Multilingual Plane: a
    // surrogate pair, two UTF-16 units.
    size.chars += (c & 0xF8U) == 0xF0U ? 2 : 1;
  }
  return size;
}

}  // namespace rosterform::engine::render
