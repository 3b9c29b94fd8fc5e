#pragma once
// Apply's progress: wraps the observer that records each change (the state
// journal) and, once it has, says the change finished ("~ client.k01:
// updated after 0.4 s") and moves the live count on. Recording comes first:
// a change is reported done only when it is durable.

#include <chrono>
#include <vector>

#include "cli/progress.hpp"
#include "engine/apply/apply.hpp"

namespace rosterform::cli {

class ApplyProgress final : public engine::ApplyObserver {
 public:
  // `each_change`: a line per finished change (apply); import's adoptions
  // only move the count.
  ApplyProgress(engine::ApplyObserver& inner, Progress& progress, std::size_t total,
                bool each_change = true);

  engine::Status on_start(std::size_t index, const engine::Change& change) override;
  engine::Status on_step(std::size_t index, const engine::Change& change,
                         const engine::StepReport& step) override;
  engine::Status on_success(std::size_t index, const engine::Change& change,
                            const engine::RemoteUser& after) override;
  void on_failure(const engine::Change& change, const std::string& error) override;

 private:
  void finished(const engine::Change& change, std::string_view how,
                std::chrono::steady_clock::time_point started);

  engine::ApplyObserver& m_inner;
  Progress& m_progress;
  std::size_t m_total;
  bool m_each_change;
  std::size_t m_done = 0;
  std::vector<std::chrono::steady_clock::time_point> m_started;  // by change index
  std::chrono::steady_clock::time_point m_begin;
};

// "updated", "created", ... for a finished change's line.
[[nodiscard]] std::string_view past_tense(engine::Action action);

}  // namespace rosterform::cli
