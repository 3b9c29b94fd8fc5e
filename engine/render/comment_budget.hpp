#pragma once
// How big a pull-request comment may be. GitHub refuses a body over 65,536
// characters (HTTP 422 "Body is too long"), and has been measured refusing
// one over 262,144 UTF-8 bytes; a comment must satisfy both
// (docs/gitops.md, "The PR comment").
//
// Characters are counted as UTF-16 code units, which is never fewer than
// code points: whichever of the two a host counts, a text within the budget
// is within the limit. (An astral-plane character such as most emoji is one
// code point, two UTF-16 units and four bytes.)

#include <cstddef>
#include <string_view>

namespace rosterform::engine::render {

struct CommentBudget {
  std::size_t chars = 65536;
  std::size_t bytes = 262144;
};

struct TextSize {
  std::size_t chars = 0;  // UTF-16 code units
  std::size_t bytes = 0;

  TextSize& operator+=(TextSize other) {
    chars += other.chars;
    bytes += other.bytes;
    return *this;
  }
  friend TextSize operator+(TextSize a, TextSize b) { return a += b; }
  [[nodiscard]] bool within(CommentBudget b) const { return chars <= b.chars && bytes <= b.bytes; }
};

// The size of UTF-8 text (the roster loader has checked that it is UTF-8;
// the byte count is exact in any case).
[[nodiscard]] TextSize measure(std::string_view utf8);

}  // namespace rosterform::engine::render
