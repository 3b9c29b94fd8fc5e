#include <doctest/doctest.h>

#include "engine/duration.hpp"

using rosterform::engine::parse_duration;
using namespace std::chrono_literals;

TEST_CASE("durations: a whole number and a unit") {
  CHECK(parse_duration("500ms") == 500ms);
  CHECK(parse_duration("30s") == 30s);
  CHECK(parse_duration("10m") == 10min);
  CHECK(parse_duration("1h") == 1h);
  CHECK(parse_duration("0s") == 0ms);
  for (const char* bad : {"", "10", "m", "-1s", "1.5s", "10 m", "10d", "99999999999999999h"})
    CHECK_MESSAGE(!parse_duration(bad), bad);
}
