#include "providers/healthie/throttle.hpp"

#include <algorithm>

namespace rosterform::healthie {

AimdWindow::AimdWindow(int initial, int cap)
    : m_window(std::clamp(initial, 1, std::max(1, cap))), m_cap(std::max(1, cap)) {}

void AimdWindow::on_success() {
  m_window = std::min(static_cast<double>(m_cap), m_window + 1.0);
}

void AimdWindow::on_throttle(std::uint64_t request_round) {
  // Requests sent before the last decrease saw the old, larger window; their
  // throttles are the same overload and must not halve it again.
  if (request_round < m_round)
    return;
  m_window = std::max(1.0, m_window / 2.0);
  ++m_round;
  ++m_decreases;
}

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed)
    : m_base(base), m_cap(cap), m_random(seed) {}

std::chrono::milliseconds Backoff::delay(int attempt) {
  long long ceiling = m_base.count();
  for (int i = 0; i < attempt && ceiling < m_cap.count(); ++i)
    ceiling *= 2;
  ceiling = std::min(ceiling, static_cast<long long>(m_cap.count()));
  std::uniform_int_distribution<long long> pick(0, std::max(0LL, ceiling));
  return std::chrono::milliseconds(pick(m_random));
}

RateBudget::RateBudget(double per_second)
    : m_rate(per_second),
      // A one-second bucket would let a cold start burst a full second of
      // requests into a limiter that counts per second; a fifth is smoother.
      m_tokens(std::max(1.0, per_second / 5.0)),
      m_burst(std::max(1.0, per_second / 5.0)),
      m_at(Clock::now()) {}

void RateBudget::refill(Clock::time_point now) {
  if (now <= m_at)
    return;
  std::chrono::duration<double> elapsed = now - m_at;
  m_tokens = std::min(m_burst, m_tokens + elapsed.count() * m_rate);
  m_at = now;
}

Clock::time_point RateBudget::next_slot(Clock::time_point now) {
  if (m_rate <= 0)
    return now;
  refill(now);
  if (m_tokens >= 1.0)
    return now;
  auto wait = std::chrono::duration<double>((1.0 - m_tokens) / m_rate);
  return now + std::chrono::duration_cast<Clock::duration>(wait);
}

void RateBudget::take(Clock::time_point now) {
  if (m_rate <= 0)
    return;
  refill(now);
  m_tokens -= 1.0;
}

// Learned pacing.
//
// Healthie throttles by rate (a token bucket per key, api-facts §4), but the
// AIMD window controls concurrency: under a sustained throttle it halves to
// 1, and at ~55 ms per request one request in flight offers fewer requests
// per second than the limit allows, while the throttled requests' jittered
// backoff leaves gaps. What the server sustains is visible, though: when
// throttles appear we were sending faster than allowed, so the successes per
// second over the last seconds are (about) the limit — plus the limiter's
// burst, which is why the measure needs a second of history (over a tenth
// of a second, a burst of five reads as fifty per second) and is cut once
// like any other throttled rate.
//
// So a throttle engages a token bucket at that rate, one token deep so
// requests are evenly spaced. From then on the pacer is an AIMD loop on the
// rate itself: every success adds step/rate, i.e. `step` requests/s per
// second of traffic (a slow additive probe for capacity the server may have
// gained; limits move with load), and a throttle cuts the rate by `cut` —
// once per round: throttles of requests sent before the last cut describe
// the overload that cut already answered. The step is a fraction of the rate
// where throttles last appeared, so it scales with the limit (25/s or 250/s).
//
// The window and the backoff stay: the window still bounds concurrency, the
// backoff still spaces each throttled request's own retries.

LearnedPacer::LearnedPacer(PacerSettings settings) : m_settings(settings) {}

void LearnedPacer::begin(Clock::time_point now) {
  m_since = now;
  forget_before(now);
}

void LearnedPacer::forget_before(Clock::time_point since) {
  while (!m_successes.empty() && m_successes.front() < since)
    m_successes.pop_front();
}

double LearnedPacer::recent_rate(Clock::time_point now) {
  if (now - m_since < m_settings.min_span)
    return 0;
  Clock::time_point from = std::max(m_since, now - m_settings.window);
  forget_before(from);
  std::chrono::duration<double> span = now - from;
  return static_cast<double>(m_successes.size()) / span.count();
}

void LearnedPacer::refill(Clock::time_point now) {
  if (now <= m_at)
    return;
  std::chrono::duration<double> elapsed = now - m_at;
  m_tokens = std::min(1.0, m_tokens + elapsed.count() * m_rate);
  m_at = now;
}

Clock::time_point LearnedPacer::next_slot(Clock::time_point now) {
  if (!engaged())
    return now;
  refill(now);
  if (m_tokens >= 1.0)
    return now;
  auto wait = std::chrono::duration<double>((1.0 - m_tokens) / m_rate);
  return now + std::chrono::ceil<Clock::duration>(wait);
}

void LearnedPacer::take(Clock::time_point now) {
  if (!engaged())
    return;
  refill(now);
  m_tokens -= 1.0;
}

void LearnedPacer::on_success(Clock::time_point now) {
  m_successes.push_back(now);
  forget_before(now - m_settings.window);
  if (engaged())
    m_rate += m_step / m_rate;
}

void LearnedPacer::on_throttle(Clock::time_point now, Clock::time_point sent_at) {
  bool engaging = !engaged();
  if (!engaging && sent_at < m_last_cut)
    return;
  double from = engaging ? recent_rate(now) : m_rate;
  // Too little history (or nothing got through): no rate to learn yet, so
  // the window and the backoff alone answer this throttle.
  if (from <= 0)
    return;
  refill(now);
  m_rate = std::max(m_settings.min_rate, from * m_settings.cut);
  m_step = std::max(m_settings.min_step, from * m_settings.probe);
  if (engaging) {
    m_tokens = 0;  // the next request waits one interval
    m_at = now;
  }
  m_last_cut = now;
  ++m_cuts;
}

}  // namespace rosterform::healthie
