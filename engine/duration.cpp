#include "engine/duration.hpp"

#include <charconv>
#include <limits>
#include <string>

namespace rosterform::engine {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  long long value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  std::string_view unit(ptr, static_cast<std::size_t>(end - ptr));
  long long factor = unit == "ms"  ? 1
                     : unit == "s" ? 1000
                     : unit == "m" ? 60'000
                     : unit == "h" ? 3'600'000
                                   : 0;
  if (ec != std::errc() || ptr == begin || value < 0 || factor == 0 ||
      value > std::numeric_limits<long long>::max() / factor) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(value * factor);
}

}  // namespace rosterform::engine
