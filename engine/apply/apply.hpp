#pragma once
// Apply: carry out a Plan through a Provider, and nothing else. Apply never
// decides what to change; it only consumes the plan it is given.

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/plan/plan.hpp"
#include "engine/provider.hpp"
#include "engine/resource_schema.hpp"
#include "engine/result.hpp"

namespace rosterform::engine {

// already_applied: an earlier run of the same saved plan made this change
// (the state's record of it, StateFile::last_apply); it is not sent again.
enum class Outcome : std::uint8_t { succeeded, failed, not_attempted, already_applied };

[[nodiscard]] std::string_view to_string(Outcome outcome);

struct ChangeResult {
  Outcome outcome = Outcome::not_attempted;
  std::string error;  // failed: the provider's message; not attempted: why
  RemoteUser after;   // succeeded: the record as Healthie holds it now
};

struct ApplyReport {
  std::vector<ChangeResult> results;  // one per Plan::changes, same order
  bool interrupted = false;           // stopped by the interrupt flag
  bool halted = false;                // stopped because a success could not be recorded

  [[nodiscard]] std::size_t count(Outcome outcome) const;
  [[nodiscard]] bool ok() const {
    return count(Outcome::succeeded) + count(Outcome::already_applied) == results.size();
  }
};

// Told about each change as it ends. on_success must make the success
// durable (the state journal) before returning: apply starts nothing new
// until it has, so a kill at any point loses no finished change. If it
// fails, apply halts and reports everything after as not attempted.
class ApplyObserver {
 public:
  virtual ~ApplyObserver() = default;
  // Before the first mutation of a change is sent; the state journals it, so
  // a run that stops knows which changes may have reached Healthie. If it
  // fails, apply halts without sending the change.
  virtual Status on_start(std::size_t index, const Change& change) {
    (void)index;
    (void)change;
    return {};
  }
  // A step of the change's call chain finished and another is about to be
  // sent (a client created, before it is archived): the state journals how
  // far the change got and the record as it is now, so a run that stops
  // between the two is resumed at the next step. If it fails, apply halts
  // and the change's chain stops there.
  virtual Status on_step(std::size_t index, const Change& change, const StepReport& step) {
    (void)index;
    (void)change;
    (void)step;
    return {};
  }
  // `index` is the change's position in Plan::changes.
  virtual Status on_success(std::size_t index, const Change& change, const RemoteUser& after) = 0;
  virtual void on_failure(const Change& change, const std::string& error) {
    (void)change;
    (void)error;
  }
};

// How far an earlier run got with a change (ApplyObserver::on_step).
struct ResumePoint {
  std::size_t steps_done = 0;
  std::string user_id;
  std::string membership_id;
};

struct ApplyOptions {
  std::size_t parallelism = 10;  // changes in flight at once
  // Set (e.g. by a SIGINT handler) to stop issuing requests; those in
  // flight finish and are recorded.
  const std::atomic<bool>* interrupt = nullptr;
  // Indexed like Plan::changes (or empty): changes an earlier run of the same
  // plan already made. They count as done for their dependents and are
  // reported as already_applied; nothing is sent for them.
  std::vector<bool> already_applied;
  // Indexed like Plan::changes (or empty): changes an earlier run of the
  // same plan carried out in part (steps_done > 0), resumed at the next step
  // of their call chain on the user those steps made or changed.
  std::vector<ResumePoint> resume;
};

[[nodiscard]] ApplyReport apply_plan(const Plan& plan, Provider& provider,
                                     const ResourceSchema& staff_schema,
                                     const ResourceSchema& client_schema,
                                     ApplyObserver& observer, const ApplyOptions& options);

}  // namespace rosterform::engine
