#include <doctest/doctest.h>

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
