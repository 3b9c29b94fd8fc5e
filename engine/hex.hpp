#pragma once
// Hex digits, for the digests the state keeps and the engine compares.

namespace rosterform::engine {

// 0–15 for a hex digit (either case), -1 for anything else.
[[nodiscard]] constexpr int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace rosterform::engine
