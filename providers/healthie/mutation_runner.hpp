#pragma once
// INTERNAL to rosterform_healthie: runs a batch of mutations through the
// executor, each as a short chain of calls (a new staff member may need
// three), and settles every unknown outcome by looking the record up.
// Zero duplicates: a call whose outcome is unknown is never sent again in
// the same run. The look-up waits a moment first (a create Healthie is still
// committing would be missed), and looks twice before it concludes that the
// change is not there; even then the mutation fails and the user re-runs
// plan, which reads Healthie afresh.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/provider.hpp"
#include "providers/healthie/executor.hpp"
#include "providers/healthie/json_document.hpp"

namespace rosterform::healthie {

// What a look-up concluded: the record when the change is visible in
// Healthie, nullopt when it is not. An error says, in a few words, why the
// look-up itself failed (the runner words the message around it).
using LookupResult = engine::Result<std::optional<engine::RemoteUser>>;
using LookupDone = std::function<void(LookupResult)>;
// Reads Healthie through the executor (one call, or a chain of pages) and
// calls `done` exactly once, from an executor callback.
using Lookup = std::function<void(Executor&, LookupDone)>;

// A look-up made of one read, whose answer `applied` tests.
[[nodiscard]] Lookup single_lookup(
    Document doc, std::string variables,
    std::function<std::optional<engine::RemoteUser>(const JsonDocument&)> applied);

// One call of a mutation's chain.
struct MutationCall {
  Document doc;
  std::string variables;
  std::string result_key;  // payload member holding the record
  std::function<bool(simdjson::dom::element, engine::RemoteUser&)> decode;
  Lookup settle;  // settles an unknown outcome
};

// One step of a mutation's chain, e.g. "profile update". Built from the
// record so far (what the earlier steps returned, e.g. a new member's ids);
// nullopt when the step has nothing to send (skipped); an error fails the
// mutation. The chain is a list, built from the mutation alone, so the same
// mutation always has the same steps: a resumed run starts at the index an
// earlier run reported (engine::StepReport::done).
struct ChainStep {
  std::string name;
  std::function<engine::Result<std::optional<MutationCall>>(const engine::RemoteUser& so_far)>
      build;
  std::vector<engine::FieldId> carried;  // the fields this step writes
};

struct PlannedMutation {
  std::string label;                    // "client <key>" / "staff member <key>"
  std::vector<std::string> phi_values;  // scrubbed from Healthie's messages
  std::vector<ChainStep> steps;         // run in order, each once it has a call to send
  std::size_t first_step = 0;           // steps an earlier run finished
  engine::RemoteUser start;             // the ids the chain starts with
  std::size_t batch_index = 0;          // reported to the StepObserver
};

// How many look-ups settle one unknown outcome (config.settle_delay before
// the first, config.settle_recheck_delay before the second).
inline constexpr int k_settle_looks = 2;

// Runs each mutation's chain; every finished step that another follows is
// told to `steps` before the next one is sent.
[[nodiscard]] std::vector<engine::Result<engine::RemoteUser>> run_mutations(
    Executor& exec, const ProviderConfig& config, std::vector<PlannedMutation> planned,
    engine::StepObserver& steps);

}  // namespace rosterform::healthie
