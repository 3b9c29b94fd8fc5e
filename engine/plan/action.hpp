#pragma once
// The closed set of things a plan can do to one user. Apply switches over it
// exhaustively, so adding an action is a compile error everywhere it matters.
//
// Healthie never deletes users: removal is deactivation (staff) or archiving
// (clients), and coming back is reactivation. `adopt` starts managing a user
// that already exists in Healthie and matches a roster entry; `forget` stops
// managing one without touching Healthie (policy.on_removal: ignore, or a
// removed entry that Healthie already shows as inactive).

#include <cstdint>
#include <string_view>

namespace rosterform::engine {

enum class Action : std::uint8_t { no_op, create, update, deactivate, reactivate, adopt, forget };

inline constexpr std::size_t k_action_count = 7;

// "create", "update", ... as used in the JSON plan and in messages.
[[nodiscard]] std::string_view to_string(Action action);

// The one-character marker of the human plan: + ~ - ^ < /; a space for no-op.
[[nodiscard]] char symbol(Action action);

// "will be created", "will be updated in place", ...
[[nodiscard]] std::string_view verb_phrase(Action action);

}  // namespace rosterform::engine
