#pragma once
// INTERNAL to rosterform_healthie: runs a batch of mutations through the
// executor, each as a short chain of calls (a new staff member may need
// three), and settles every unknown outcome by a look-up before deciding
// whether to send again. Zero duplicates: nothing is ever re-sent while a
// look-up could still show that the first attempt worked.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/provider.hpp"
#include "providers/healthie/executor.hpp"
#include "providers/healthie/json_document.hpp"

namespace rosterform::healthie {

// One call of a mutation's chain.
struct MutationCall {
  Document doc;
  std::string variables;
  std::string result_key;  // payload member holding the record
  std::function<bool(simdjson::dom::element, engine::RemoteUser&)> decode;
  // Settling an unknown outcome: a read, and a test on its answer that
  // returns the record when the change is visible in Healthie.
  Document lookup;
  std::string lookup_variables;
  std::function<std::optional<engine::RemoteUser>(const JsonDocument&)> applied;
};

// Builds the call for `step` from the record so far (empty before the
// first); it may advance `step` past calls with nothing to send. nullopt
// ends the chain; an error fails the mutation.
using NextCall = std::function<engine::Result<std::optional<MutationCall>>(
    const engine::RemoteUser&, int& step)>;

struct PlannedMutation {
  std::string label;                    // "client <key>" / "staff member <key>"
  std::vector<std::string> phi_values;  // scrubbed from Healthie's messages
  NextCall next;
};

inline constexpr int k_max_sends = 3;

[[nodiscard]] std::vector<engine::Result<engine::RemoteUser>> run_mutations(
    Executor& exec, std::vector<PlannedMutation> planned);

}  // namespace rosterform::healthie
