#pragma once
// Checks of single workspace setting values, apart from where they are
// written: names, URLs, numbers and the state path. A roster is untrusted
// input, so each check is strict: a number is plain decimal and in range,
// never `nan`, `inf` or an exponent; a state path stays in the workspace.

#include <filesystem>
#include <optional>
#include <string_view>

namespace rosterform::engine::roster {

// A request budget Healthie could honour: it allows 250 a second per key.
inline constexpr double k_min_rate = 0.1;
inline constexpr double k_max_rate = 250;
inline constexpr double k_max_deactivation_count = 1'000'000;

// An environment variable name: letters, digits and '_', not starting with
// a digit.
[[nodiscard]] bool is_env_name(std::string_view s);

// Whether an `api_key_env` value looks like a key pasted in place of the
// variable's name: Healthie's `gh_` prefix, a space (as in "Basic ..."),
// very long, or long and mixing lower case, upper case and digits as random
// tokens do and variable names (HEALTHIE_API_KEY) do not.
[[nodiscard]] bool looks_like_key(std::string_view s);

[[nodiscard]] bool is_url(std::string_view s);
[[nodiscard]] bool is_version_date(std::string_view s);

// A number written in plain decimal: digits, optionally a '.' and more
// digits (at most 12 of each). No sign, exponent, hex, `nan` or `inf`
// (std::from_chars takes all of those), so every value read is finite; the
// caller checks the range.
[[nodiscard]] std::optional<double> parse_decimal(std::string_view s);

// Why a state path (relative to the workspace `root`) would put the state
// outside the workspace, if it would. The roster may come from a pull
// request: a state path of its choosing must not let an apply replace some
// other file (the state is saved by renaming over it).
[[nodiscard]] std::optional<std::string_view> state_path_problem(const std::filesystem::path& root,
                                                                 std::string_view path);

}  // namespace rosterform::engine::roster
