#pragma once
// A saved plan encrypted under the state key (docs/plan-format.md, "Saved
// plans", "Encrypted plans"): the plan's JSON (state/saved_plan.hpp) sealed
// with AES-256-GCM under a key derived from the state key, in an envelope
// that shows only what CI needs to compare and route it, never PHI:
//
//   {"kind": "rosterform-sealed-plan", "format_version": 1,
//    "plan_format_version": 2, "plan_hash": "…", "key_fingerprint": "sha256:…",
//    "cipher": "AES-256-GCM", "nonce": "<base64>", "ciphertext": "<base64>",
//    "tag": "<base64>"}
//
// The kind, both format versions, the plan hash and the key fingerprint are
// the associated data: a header edited to show another plan hash fails to
// open exactly as an edited ciphertext does.

#include <string>
#include <string_view>

#include "engine/result.hpp"
#include "state/state_key.hpp"

namespace rosterform::state {

inline constexpr int k_sealed_plan_format_version = 1;

// `plan_json` is encode_saved_plan's output, `plan_hash` its plan hash.
[[nodiscard]] std::string seal_saved_plan(std::string_view plan_json, const std::string& plan_hash,
                                          const StateKey& key);

// Whether `text` is a sealed plan's envelope (then open_saved_plan is needed).
[[nodiscard]] bool is_sealed_plan(std::string_view text);

// The plan's JSON from a sealed plan file `origin`, with `key` the state
// key configured (nullptr: none). Fails, saying what to do, when no key is
// configured, the plan was sealed under another key, or the file was
// altered; a text that is not a sealed plan is returned unchanged.
[[nodiscard]] engine::Result<std::string> open_saved_plan(std::string_view text,
                                                          const std::string& origin,
                                                          const StateKey* key);

}  // namespace rosterform::state
