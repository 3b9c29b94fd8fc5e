#pragma once
// "Did you mean" suggestions for misspelt field names and enum values, in
// the manner of ninja's SpellcheckString: the closest candidate by edit
// distance, if it is close enough to be a plausible typo.

#include <optional>
#include <span>
#include <string_view>

namespace rosterform::engine::roster {

// Optimal-string-alignment distance (a transposition counts as one edit),
// comparing ASCII letters case-insensitively.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when at most a third of its letters (at
// least one) need an edit; nullopt otherwise.
[[nodiscard]] std::optional<std::string_view> did_you_mean(
    std::string_view word, std::span<const std::string_view> candidates);

// Whether `text` looks like a field name (letters, digits, '_', '-', '<'),
// and may therefore be quoted in a message. Anything else could be a value
// typed in the wrong place, possibly PHI, and is not repeated.
[[nodiscard]] bool looks_like_name(std::string_view text);

}  // namespace rosterform::engine::roster
