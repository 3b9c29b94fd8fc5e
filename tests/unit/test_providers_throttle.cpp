#include <doctest/doctest.h>

#include <chrono>

#include "providers/healthie/throttle.hpp"

using namespace rosterform::healthie;

TEST_CASE("provider: AIMD: grows by one per success up to the cap") {
  AimdWindow w(4, 6);
  CHECK(w.limit() == 4);
  w.on_success();
  CHECK(w.limit() == 5);
  for (int i = 0; i < 10; ++i)
    w.on_success();
  CHECK(w.limit() == 6);
}

TEST_CASE("provider: AIMD: halves on a throttle, once per round") {
  AimdWindow w(16, 16);
  auto round = w.round();
  w.on_throttle(round);
  CHECK(w.limit() == 8);
  // Other requests of the same round report the same overload.
  w.on_throttle(round);
  w.on_throttle(round);
  CHECK(w.limit() == 8);
  w.on_throttle(w.round());
  CHECK(w.limit() == 4);
  for (int i = 0; i < 10; ++i)
    w.on_throttle(w.round());
  CHECK(w.limit() == 1);
  CHECK(w.decreases() == 12);
}

TEST_CASE("provider: backoff: full jitter below an exponential ceiling and the cap") {
  Backoff b(std::chrono::milliseconds(100), std::chrono::milliseconds(1000), 7);
  for (int i = 0; i < 200; ++i) {
    CHECK(b.delay(0).count() <= 100);
    CHECK(b.delay(2).count() <= 400);
    CHECK(b.delay(30).count() <= 1000);
  }
  bool varied = false;
  auto first = b.delay(5);
  for (int i = 0; i < 20; ++i)
    varied = varied || b.delay(5) != first;
  CHECK(varied);
}

TEST_CASE("provider: rate budget: unlimited by default, spaced when set") {
  RateBudget none(0);
  auto now = Clock::now();
  CHECK(none.next_slot(now) == now);
  RateBudget ten(10);  // bucket of 2
  ten.take(now);
  ten.take(now);
  auto next = ten.next_slot(now);
  CHECK(next > now);
  CHECK(next - now <= std::chrono::milliseconds(101));
}

namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Round numbers so every expectation is exact in binary floating point.
PacerSettings exact_settings() {
  PacerSettings s;
  s.window = milliseconds(2000);
  s.min_span = milliseconds(1000);
  s.cut = 0.5;
  s.probe = 0.125;
  s.min_step = 0.5;
  s.min_rate = 1.0;
  return s;
}

// A clock of our own: far from the epoch so "now - window" stays positive.
const Clock::time_point t0 = Clock::time_point{} + seconds(1000);

// `n` successes evenly spread over (from, from + span].
void succeed(LearnedPacer& p, Clock::time_point from, microseconds span, int n) {
  for (int i = 1; i <= n; ++i)
    p.on_success(from + span * i / n);
}

// Engaged at 8 requests/s: 32 successes in 2 s measure 16/s, cut by half.
LearnedPacer engaged_at_8(Clock::time_point& now) {
  LearnedPacer p(exact_settings());
  p.begin(t0);
  succeed(p, t0, seconds(2), 32);
  now = t0 + seconds(2);
  p.on_throttle(now, now - milliseconds(50));
  return p;
}

}  // namespace

TEST_CASE("provider: pacer: does nothing until Healthie throttles") {
  LearnedPacer p(exact_settings());
  p.begin(t0);
  succeed(p, t0, seconds(2), 100);
  auto now = t0 + seconds(2);
  CHECK_FALSE(p.engaged());
  CHECK(p.rate() == 0);
  p.take(now);
  p.take(now);
  CHECK(p.next_slot(now) == now);
  CHECK(p.recent_rate(now) == 50.0);
}

TEST_CASE("provider: pacer: a throttle engages it at the measured rate, cut once") {
  Clock::time_point now;
  LearnedPacer p = engaged_at_8(now);
  CHECK(p.engaged());
  CHECK(p.rate() == 8.0);
  CHECK(p.cuts() == 1);
  // One token deep and empty at first: requests every 125 ms.
  CHECK(p.next_slot(now) == now + milliseconds(125));
  now += milliseconds(125);
  CHECK(p.next_slot(now) == now);
  p.take(now);
  CHECK(p.next_slot(now) == now + milliseconds(125));
  // An idle second does not bank a burst.
  now += seconds(1);
  p.take(now);
  CHECK(p.next_slot(now) == now + milliseconds(125));
}

TEST_CASE("provider: pacer: needs a second of history since the batch began") {
  LearnedPacer p(exact_settings());
  p.begin(t0);
  succeed(p, t0, milliseconds(500), 25);  // a burst: 50/s over half a second
  p.on_throttle(t0 + milliseconds(500), t0 + milliseconds(450));
  CHECK_FALSE(p.engaged());
  CHECK(p.recent_rate(t0 + milliseconds(500)) == 0);
  // A new batch an idle minute later: the idle time and the old successes
  // must not dilute (or inflate) what is measured now.
  auto later = t0 + seconds(60);
  p.begin(later);
  succeed(p, later, seconds(1), 12);
  CHECK(p.recent_rate(later + seconds(1)) == 12.0);
  p.on_throttle(later + seconds(1), later + milliseconds(950));
  CHECK(p.rate() == 6.0);
}

TEST_CASE("provider: pacer: counts successes over a sliding window only") {
  LearnedPacer p(exact_settings());
  p.begin(t0);
  succeed(p, t0, seconds(1), 40);
  succeed(p, t0 + seconds(3), seconds(1), 20);
  // At t0 + 4 s the window is (t0 + 2 s, t0 + 4 s]: 20 successes in 2 s.
  CHECK(p.recent_rate(t0 + seconds(4)) == 10.0);
}

TEST_CASE("provider: pacer: cuts once per round, down to the floor") {
  Clock::time_point now;
  LearnedPacer p = engaged_at_8(now);
  auto engaged_at = now;
  // Sent before the cut: the same overload, already answered.
  p.on_throttle(now + milliseconds(40), engaged_at - milliseconds(10));
  CHECK(p.rate() == 8.0);
  // Sent after it: the new rate is still too high.
  now += milliseconds(200);
  p.on_throttle(now, engaged_at + milliseconds(125));
  CHECK(p.rate() == 4.0);
  CHECK(p.cuts() == 2);
  for (int i = 0; i < 10; ++i) {
    now += milliseconds(100);
    p.on_throttle(now, now - milliseconds(1));
  }
  CHECK(p.rate() == 1.0);
  CHECK(p.cuts() == 12);
}

TEST_CASE("provider: pacer: probes upward by `step` requests/s per second of successes") {
  Clock::time_point now;
  LearnedPacer p = engaged_at_8(now);
  // step = 16/s (the rate throttles appeared at) * probe 0.125 = 2;
  // each success adds step / rate.
  p.on_success(now + milliseconds(125));
  CHECK(p.rate() == 8.25);
  for (int i = 2; i <= 8; ++i)
    p.on_success(now + milliseconds(125) * i);
  // A second of traffic at ~8/s: 8 + ~2 * 8 / 9.
  CHECK(p.rate() == doctest::Approx(9.81913).epsilon(1e-5));
  // A cut resets the step to a fraction of the rate it cuts.
  now += seconds(1);
  p.on_throttle(now, now - milliseconds(10));
  double cut_from = 9.81913;
  CHECK(p.rate() == doctest::Approx(cut_from / 2).epsilon(1e-5));
  double before = p.rate();
  p.on_success(now + milliseconds(200));
  CHECK(p.rate() - before == doctest::Approx(cut_from * 0.125 / before).epsilon(1e-5));
}

TEST_CASE("provider: pacer: the probe step never falls below min_step") {
  PacerSettings s = exact_settings();
  s.min_span = milliseconds(0);
  LearnedPacer p(s);
  p.begin(t0);
  succeed(p, t0, seconds(2), 4);  // 2/s measured, probe would be 0.25
  p.on_throttle(t0 + seconds(2), t0 + seconds(1));
  CHECK(p.rate() == 1.0);
  p.on_success(t0 + seconds(3));
  CHECK(p.rate() == 1.5);  // + min_step 0.5 / rate 1
}
