#include "providers/healthie/wait_progress.hpp"

namespace rosterform::healthie {

namespace {

std::string_view cause(ResponseKind why) {
  switch (why) {
    case ResponseKind::throttled:
      return "throttled by Healthie";
    case ResponseKind::server_error:
      return "Healthie answers with server errors";
    case ResponseKind::malformed:
      return "Healthie's answers are unreadable";
    default:
      return "no answer from Healthie";
  }
}

}  // namespace

std::string waiting_text(ResponseKind why, std::chrono::seconds waited) {
  return std::string(cause(why)) + "; retrying, " + std::to_string(waited.count()) + " s so far";
}

void WaitProgress::retrying(Clock::time_point now, ResponseKind why) {
  m_why = why;
  if (m_since)
    return;
  m_since = now;
  m_last = now;
}

void WaitProgress::tick(Clock::time_point now) {
  if (!m_since || now - m_last < m_interval || !m_sink)
    return;
  m_last = now;
  m_sink(waiting_text(m_why, std::chrono::duration_cast<std::chrono::seconds>(now - *m_since)));
}

}  // namespace rosterform::healthie
