#pragma once
// Durations as people write them on the command line and in rosterform.yaml:
// a whole number and a unit, e.g. 500ms, 30s, 5m or 1h.

#include <chrono>
#include <optional>
#include <string_view>

namespace rosterform::engine {

inline constexpr std::string_view k_duration_hint =
    "use a number with a unit, e.g. 500ms, 30s, 5m or 1h";

// nullopt when `text` is not such a duration (or overflows).
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace rosterform::engine
