#pragma once
// Checks and normalises one field value against its FieldSpec.
//
// A check never sees where the value is, only what it is, and returns the
// problem as a phrase ("must be a date written YYYY-MM-DD"); the reader adds
// the place and the field. Checks never put the value in the phrase: the
// caller decides whether it may be shown (client data is PHI).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "engine/resource_schema.hpp"
#include "engine/roster/timezone_db.hpp"

namespace rosterform::engine::roster {

struct CheckContext {
  std::chrono::sys_days today;
  TimezoneDb* timezones = nullptr;
};

struct FieldProblem {
  std::string phrase;                  // e.g. "must be true or false"
  std::optional<std::string> suggest;  // a close allowed value, for enums
};

// On success stores the normalised value in `out` (booleans "true"/"false",
// dates YYYY-MM-DD, reference emails lower-cased, everything trimmed) and
// returns nullopt. `quoted`: the scalar was written in quotes.
[[nodiscard]] std::optional<FieldProblem> check_field(const FieldSpec& spec, std::string_view text,
                                                      bool quoted, const CheckContext& ctx,
                                                      std::string& out);

[[nodiscard]] bool is_email(std::string_view text);
[[nodiscard]] std::string lower_ascii(std::string_view text);
[[nodiscard]] std::string_view trim(std::string_view text);

}  // namespace rosterform::engine::roster
