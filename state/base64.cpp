#include "state/base64.hpp"

#include <cstdint>

namespace rosterform::state {

namespace {

constexpr std::string_view k_standard =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view k_url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int digit_value(char c, std::string_view digits) {
  std::size_t at = digits.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

std::string base64_encode(std::string_view bytes, Base64 alphabet) {
  std::string_view digits = alphabet == Base64::url ? k_url : k_standard;
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::size_t n = bytes.size() - i < 3 ? bytes.size() - i : 3;
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      group = (group << 8U) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      if (k <= n) {
        out += digits[(group >> (18U - 6U * k)) & 0x3FU];
      } else if (alphabet == Base64::standard) {
        out += '=';
      }
    }
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text, Base64 alphabet) {
  std::string_view digits = alphabet == Base64::url ? k_url : k_standard;
  if (alphabet == Base64::standard) {
    if (text.size() % 4 != 0) {
      return std::nullopt;
    }
    std::size_t pad = 0;
    while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') {
      ++pad;
    }
    text.remove_suffix(pad);
  }
  if (text.size() % 4 == 1) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t group = 0;
  int bits = 0;
  for (char c : text) {
    int v = digit_value(c, digits);
    if (v < 0) {
      return std::nullopt;
    }
    group = (group << 6U) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((group >> static_cast<unsigned>(bits)) & 0xFFU);
    }
  }
  // The bits left over must be zero, so one text decodes to one value.
  if ((group & ((1U << static_cast<unsigned>(bits)) - 1U)) != 0) {
    return std::nullopt;
  }
  return out;
}

}  // namespace rosterform::state
