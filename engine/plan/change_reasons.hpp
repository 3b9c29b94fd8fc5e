#pragma once
// The words of a plan: each change's reason is built here, so that every
// action says why in the same voice ("phone_number differs", "removed from
// the roster", "archived in Healthie but active in the roster").

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "engine/plan/matching.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/schema_fields.hpp"

namespace rosterform::engine {

// "a", "a and b", "a, b and c".
[[nodiscard]] std::string join_names(const std::vector<std::string_view>& names);
// "phone_number differs", "dob and gender differ"; then, for fields Healthie
// changed since the last apply, "; phone_number changed outside rosterform".
// Empty when no managed field (other than `active`) changed.
[[nodiscard]] std::string describe_differences(const SchemaFields& f,
                                               const std::vector<FieldChange>& fields);
// The non-empty parts, joined by "; ".
[[nodiscard]] std::string join_reason(std::initializer_list<std::string> parts);
// "archived" for clients, "deactivated" for staff: Healthie's own words.
[[nodiscard]] std::string_view inactive_word(Kind kind);
[[nodiscard]] std::string adopt_reason(Kind kind, MatchedBy by);
// "renamed from client.mrn-1"; for a former key derived from a client's
// email or record_identifier, which is PHI, it says so instead. Empty when
// `moved_from` is.
[[nodiscard]] std::string rename_reason(Kind kind, std::string_view moved_from);

}  // namespace rosterform::engine
