#pragma once
// How fast to talk to Healthie. Its limits are undocumented and change with
// load (api-facts §4), so the client discovers them:
//   - AimdWindow: requests in flight grow by one per success and halve on a
//     throttle, at most once per round of requests (later throttles of the
//     same round report the same overload), never above the -parallelism cap;
//   - Backoff: exponential with full jitter and a cap, per retried request;
//   - RateBudget: an optional hard max_requests_per_second (token bucket).

#include <chrono>
#include <cstdint>
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

}  // namespace rosterform::healthie
