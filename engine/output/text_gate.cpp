#include "engine/output/text_gate.hpp"

#include <array>
#include <cstdint>

#include <fmt/format.h>

namespace rosterform::engine::output {

namespace {

constexpr std::size_t k_need_more = std::string_view::npos;

bool is_hidden_format(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
         (cp >= 0xFFF9 && cp <= 0xFFFB);
}

void escape_code_point(char32_t cp, std::string& out) {
  out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(cp));
}

void escape_byte(unsigned char b, std::string& out) {
  out += fmt::format("\\x{:02x}", b);
}

// The renderer's colours: ESC [ n m for n in 0 1 2 31..36. Returns the
// length matched, 0 when the text is not one of them, k_need_more when it
// could still become one.
std::size_t colour_length(std::string_view s, bool at_end) {
  static constexpr std::array<std::string_view, 9> k_allowed = {"\x1b[0m",  "\x1b[1m",  "\x1b[2m",
                                                                "\x1b[31m", "\x1b[32m", "\x1b[33m",
                                                                "\x1b[34m", "\x1b[35m", "\x1b[36m"};
  bool prefix = false;
  for (std::string_view a : k_allowed) {
    if (s.substr(0, a.size()) == a)
      return a.size();
    prefix = prefix || (s.size() < a.size() && a.substr(0, s.size()) == s);
  }
  return prefix && !at_end ? k_need_more : 0;
}

// ESC [ K, erase to the end of the line (a live status line's redraw).
std::size_t erase_line_length(std::string_view s, bool at_end) {
  constexpr std::string_view k_erase = "\x1b[K";
  if (s.substr(0, k_erase.size()) == k_erase)
    return k_erase.size();
  bool prefix = s.size() < k_erase.size() && k_erase.substr(0, s.size()) == s;
  return prefix && !at_end ? k_need_more : 0;
}

// The length of the UTF-8 sequence at the start of `s` and its code point;
// 0 when the first byte does not start a valid sequence, k_need_more when
// `s` ends inside one that is valid so far.
std::size_t utf8_length(std::string_view s, bool at_end, char32_t& cp) {
  auto b0 = static_cast<unsigned char>(s[0]);
  std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  if (b0 < 0xC2 || b0 > 0xF4)
    return 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 == 0xE0)
    lo = 0xA0;  // overlong
  if (b0 == 0xED)
    hi = 0x9F;  // surrogates
  if (b0 == 0xF0)
    lo = 0x90;  // overlong
  if (b0 == 0xF4)
    hi = 0x8F;  // beyond U+10FFFF
  cp = b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t i = 1; i < len; ++i) {
    if (i >= s.size())
      return at_end ? 0 : k_need_more;
    auto b = static_cast<unsigned char>(s[i]);
    if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
      return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

}  // namespace

std::string TextGate::feed(std::string_view piece) {
  m_pending.append(piece);
  return run(false);
}

std::string TextGate::finish() {
  return run(true);
}

std::string TextGate::run(bool at_end) {
  std::string_view s = m_pending;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b == '\n' || b == '\t' || (b >= 0x20 && b < 0x7F) || (m_live && b == '\r')) {
      out += s[i++];
      continue;
    }
    if (b < 0x80) {
      std::size_t n = m_colour && b == 0x1B ? colour_length(s.substr(i), at_end) : 0;
      if (n == 0 && m_live && b == 0x1B) {
        n = erase_line_length(s.substr(i), at_end);
      }
      if (n == k_need_more)
        break;
      if (n > 0) {
        out.append(s.substr(i, n));
        i += n;
        continue;
      }
      escape_code_point(b, out);
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = utf8_length(s.substr(i), at_end, cp);
    if (n == k_need_more)
      break;
    if (n == 0) {
      escape_byte(b, out);
      ++i;
      continue;
    }
    if (is_hidden_format(cp))
      escape_code_point(cp, out);
    else
      out.append(s.substr(i, n));
    i += n;
  }
  m_pending.erase(0, i);
  return out;
}

std::string printable(std::string_view text) {
  TextGate gate;
  std::string out = gate.feed(text);
  return out + gate.finish();
}

}  // namespace rosterform::engine::output
