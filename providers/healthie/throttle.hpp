#pragma once
// How fast to talk to Healthie. Its limits are undocumented and change with
// load (api-facts §4), so the client discovers them:
//   - AimdWindow: requests in flight grow by one per success and halve on a
//     throttle, at most once per round of requests (later throttles of the
//     same round report the same overload), never above the -parallelism cap;
//   - Backoff: exponential with full jitter and a cap, per retried request;
//   - RateBudget: an optional hard max_requests_per_second (token bucket);
//   - LearnedPacer: once Healthie throttles, a token bucket at the rate it
//     was found to sustain, probed upward slowly and cut on each throttle.

#include <chrono>
#include <cstdint>
#include <deque>
#include <random>

namespace rosterform::healthie {

using Clock = std::chrono::steady_clock;

class AimdWindow {
 public:
  AimdWindow(int initial, int cap);
  [[nodiscard]] int limit() const { return static_cast<int>(m_window); }
  [[nodiscard]] int cap() const { return m_cap; }
  // The round a request belongs to; pass it back to on_throttle.
  [[nodiscard]] std::uint64_t round() const { return m_round; }
  void on_success();
  void on_throttle(std::uint64_t request_round);
  [[nodiscard]] int decreases() const { return m_decreases; }

 private:
  double m_window;
  int m_cap;
  std::uint64_t m_round = 0;
  int m_decreases = 0;
};

class Backoff {
 public:
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed);
  // A uniformly random delay in [0, min(cap, base * 2^attempt)] (attempt >= 0).
  [[nodiscard]] std::chrono::milliseconds delay(int attempt);

 private:
  std::chrono::milliseconds m_base;
  std::chrono::milliseconds m_cap;
  std::mt19937_64 m_random;
};

class RateBudget {
 public:
  explicit RateBudget(double per_second);  // 0 = unlimited
  // When the next request may start (now or later); take() spends a token.
  [[nodiscard]] Clock::time_point next_slot(Clock::time_point now);
  void take(Clock::time_point now);

 private:
  void refill(Clock::time_point now);
  double m_rate;
  double m_tokens;
  double m_burst;
  Clock::time_point m_at;
};

struct PacerSettings {
  std::chrono::milliseconds window{2000};    // successes are counted over this...
  std::chrono::milliseconds min_span{1000};  // ...and a rate needs this much history
  double cut = 0.85;                         // rate multiplier on a throttle (once per round)
  double probe = 0.05;    // requests/s added per second, as a fraction of the rate last cut
  double min_step = 0.5;  // ...but at least this many
  double min_rate = 1.0;  // requests/s; never paced slower
};

// Learned pacing; the essay opens its implementation in throttle.cpp. Every
// time is passed in, so tests drive it with a clock of their own.
class LearnedPacer {
 public:
  explicit LearnedPacer(PacerSettings settings = {});
  // A new batch of work starts (Executor::run): earlier idle time must not
  // dilute the success rate measured at the first throttle.
  void begin(Clock::time_point now);
  [[nodiscard]] bool engaged() const { return m_rate > 0; }
  [[nodiscard]] double rate() const { return m_rate; }  // requests/s; 0 = not pacing
  [[nodiscard]] int cuts() const { return m_cuts; }
  // When the next request may start; take() spends the token.
  [[nodiscard]] Clock::time_point next_slot(Clock::time_point now);
  void take(Clock::time_point now);
  void on_success(Clock::time_point now);
  // `sent_at`: when the throttled request was sent (requests sent before the
  // last cut report the overload that cut already answered).
  void on_throttle(Clock::time_point now, Clock::time_point sent_at);
  // Successes per second over the sliding window (from begin() if later);
  // 0 while less than min_span of history exists.
  [[nodiscard]] double recent_rate(Clock::time_point now);

 private:
  void refill(Clock::time_point now);
  void forget_before(Clock::time_point since);

  PacerSettings m_settings;
  std::deque<Clock::time_point> m_successes;
  Clock::time_point m_since{};
  double m_rate = 0;
  double m_step = 0;
  double m_tokens = 0;
  Clock::time_point m_at{};
  Clock::time_point m_last_cut{};
  int m_cuts = 0;
};

}  // namespace rosterform::healthie
