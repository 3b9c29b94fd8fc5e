#include "cli/apply_progress.hpp"

#include <fmt/format.h>

#include "engine/plan/handle.hpp"

namespace rosterform::cli {

std::string_view past_tense(engine::Action action) {
  switch (action) {
    case engine::Action::create:
      return "created";
    case engine::Action::update:
      return "updated";
    case engine::Action::deactivate:
      return "deactivated";
    case engine::Action::reactivate:
      return "reactivated";
    case engine::Action::adopt:
      return "adopted";
    case engine::Action::forget:
      return "forgotten";
    case engine::Action::no_op:
      return "unchanged";
  }
  return "done";
}

ApplyProgress::ApplyProgress(engine::ApplyObserver& inner, Progress& progress, std::size_t total,
                             bool each_change)
    : m_inner(inner),
      m_progress(progress),
      m_total(total),
      m_each_change(each_change),
      m_begin(std::chrono::steady_clock::now()) {
  m_progress.update("changes", 0, m_total);
}

engine::Status ApplyProgress::on_start(std::size_t index, const engine::Change& change) {
  if (m_started.size() <= index) {
    m_started.resize(index + 1, m_begin);
  }
  m_started[index] = std::chrono::steady_clock::now();
  return m_inner.on_start(index, change);
}

// A change of several Healthie calls says each step as it is recorded, so
// a long chain is visible and a stop between steps is explained.
engine::Status ApplyProgress::on_step(std::size_t index, const engine::Change& change,
                                      const engine::StepReport& step) {
  ROSTERFORM_TRY(m_inner.on_step(index, change, step));
  if (m_each_change) {
    m_progress.line(fmt::format("    {}: {} done, {} next", engine::label(change.address),
                                step.name, step.next));
  }
  return {};
}

engine::Status ApplyProgress::on_success(std::size_t index, const engine::Change& change,
                                         const engine::RemoteUser& after) {
  ROSTERFORM_TRY(m_inner.on_success(index, change, after));
  finished(change, past_tense(change.action), index < m_started.size() ? m_started[index] : m_begin);
  return {};
}

void ApplyProgress::on_failure(const engine::Change& change, const std::string& error) {
  m_inner.on_failure(change, error);
  // The error itself is in the summary, once; the start time is not known
  // here (no index), so the time since apply began is shown.
  finished(change, "failed (see the summary)", m_begin);
}

void ApplyProgress::finished(const engine::Change& change, std::string_view how,
                             std::chrono::steady_clock::time_point started) {
  ++m_done;
  if (m_each_change) {
    m_progress.line(fmt::format("  {} {}: {} after {}", engine::symbol(change.action),
                              engine::label(change.address), how,
                              elapsed_text(std::chrono::steady_clock::now() - started)));
  }
  m_progress.update("changes", m_done, m_total);
}

}  // namespace rosterform::cli
