#pragma once
// Checks that need the whole roster: the same person twice (in one file or
// across files), renames that collide, provider references, and lists that
// are declared empty. They run once, after every file is read.

#include "engine/roster/load_context.hpp"

namespace rosterform::engine::roster {

void run_cross_checks(LoadContext& ctx);

// Part of run_cross_checks, in references.cpp: `provider:` and
// `reassign_clients_to:` resolved against the roster's staff (the rest go to
// DesiredState::external_staff_emails), and empty lists.
void check_references(LoadContext& ctx);
void check_empty_lists(LoadContext& ctx);

}  // namespace rosterform::engine::roster
