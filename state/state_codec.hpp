#pragma once
// The state file's JSON form (docs/state-format.md) and the journal's JSONL.
// Decoding validates everything, because a state file may have been edited
// or truncated by hand; every error names the file and what is wrong.

#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"
#include "state/state_key.hpp"
#include "state/state_model.hpp"

namespace rosterform::state {

// Writes `hmac_key` (format 1), or, for a state under an external key,
// only `key_fingerprint` (format 2).
[[nodiscard]] std::string encode_state(const StateFile& state);
// `origin` names the file in error messages. `key` is the configured state
// key, if any: a format 2 state takes its HMAC key from it and fails when
// it is missing or another key; a format 1 state fails when a key is
// configured (it must be migrated first).
[[nodiscard]] engine::Result<StateFile> decode_state(std::string_view json,
                                                     const std::string& origin,
                                                     const StateKey* key = nullptr);

[[nodiscard]] std::string encode_journal_entry(const JournalEntry& entry);
// A torn last line (a kill -9 during the append) is dropped: the mutation it
// describes is then found again by the next plan. A bad line elsewhere is an
// error.
[[nodiscard]] engine::Result<std::vector<JournalEntry>> decode_journal(std::string_view jsonl,
                                                                       const std::string& origin);

}  // namespace rosterform::state
