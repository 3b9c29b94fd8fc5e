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

}  // namespace rosterform::healthie
