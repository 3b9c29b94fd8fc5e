#pragma once
// Says, at least every `interval` while calls wait to be retried, that the
// run is slowed and for how long ("throttled by Healthie; retrying, 43 s so
// far"), so a throttled read or apply is never silent, TTY or not. The text
// is fixed words and a number of seconds: never a record or server text.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "providers/healthie/response.hpp"
#include "providers/healthie/throttle.hpp"

namespace rosterform::healthie {

class WaitProgress {
 public:
  using Sink = std::function<void(std::string_view)>;
  WaitProgress(std::chrono::milliseconds interval, Sink sink)
      : m_interval(interval), m_sink(std::move(sink)) {}

  // A call was scheduled for a retry because of `why`.
  void retrying(Clock::time_point now, ResponseKind why);
  // Nothing waits for a retry any more: the slowdown is over.
  void settled() { m_since.reset(); }
  [[nodiscard]] bool active() const { return m_since.has_value(); }
  // Called often (at least once a second) by the executor's loop.
  void tick(Clock::time_point now);

 private:
  std::chrono::milliseconds m_interval;
  Sink m_sink;
  std::optional<Clock::time_point> m_since;
  Clock::time_point m_last{};
  ResponseKind m_why = ResponseKind::throttled;
};

// "throttled by Healthie; retrying, 43 s so far" (or the failure retried).
[[nodiscard]] std::string waiting_text(ResponseKind why, std::chrono::seconds waited);

}  // namespace rosterform::healthie
