#pragma once
// What an interrupted run leaves behind, cleared by the next run that holds
// the lock (only a lock holder may touch the state's files):
//
//   * `state.json.tmp-<pid>-<random>`: a save killed between writing its
//     temporary file and renaming it over the state. The state itself is
//     intact (the rename is atomic); the temporary file is only litter, but
//     litter that holds patient data.
//   * `state.json.journal`: an apply killed before its final save. Every
//     load folds the journal in, so nothing is lost; folding it into the
//     state file and removing it makes that durable and stops each later
//     run from replaying it. The serial stays: what any reader sees is the
//     same before and after, so a plan saved in between is still current.

#include "engine/result.hpp"

namespace rosterform::state {

class LocalBackend;

// Removes the temporary files of interrupted saves of `backend`'s state.
void remove_interrupted_saves(const LocalBackend& backend);

// Saves the state with its journal folded in, when a journal is left. A
// journal that cannot be read is left for load() to report.
engine::Status fold_leftover_journal(LocalBackend& backend);

}  // namespace rosterform::state
