#pragma once
// Text Healthie writes (a GraphQL error's message, a mutation's validation
// messages, extensions.warnings) is never printed as it came. graphql-ruby
// echoes the value of an invalid variable into its message ("Variable $input
// of type CreateClientInput! was provided invalid value for email (Could not
// coerce value \"lena@mail.example\" ...)"), and a proxy or debug build may
// echo request headers, key included. So every such text is, in order:
//
//   1. the key replaced by [REDACTED] (first, so no later rule can split it);
//   2. put on one line (control characters become spaces, then the output
//      gate's escapes for the invisible ones);
//   3. a variable-coercion message cut to its names ("... was provided
//      invalid value for email, first_name"): the explanations carry values;
//   4. rid of whatever looks like echoed input: quoted strings, anything
//      with an @, and numbers of two digits or more each become [value]
//      (release dates stay in API-version messages, where they are the point);
//   5. cut to k_server_text_limit bytes.
//
// Codes (extensions.code) are kept when they look like codes; the rest of
// the answer is not read for messages at all (graphql-ruby's
// extensions.value and problems repeat the whole input).

#include <cstddef>
#include <string>
#include <string_view>

namespace rosterform::healthie {

inline constexpr std::string_view k_masked_value = "[value]";
inline constexpr std::size_t k_server_text_limit = 300;

// Whether `code` names an API-version problem, whose text may keep dates.
[[nodiscard]] bool is_version_code(std::string_view code);

// A message from Healthie, made fit to print (rules above).
[[nodiscard]] std::string server_text(std::string_view raw, std::string_view secret,
                                      bool keep_dates = false);

// An error or warning code: letters, digits, '_', '.', '-', at most 64 of
// them; anything else is replaced by "UNPRINTABLE_CODE".
[[nodiscard]] std::string server_code(std::string_view raw);

// A YYYY-MM-DD date, or "" for anything else.
[[nodiscard]] std::string server_date(std::string_view raw);

}  // namespace rosterform::healthie
