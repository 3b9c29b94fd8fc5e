#include <doctest/doctest.h>

#include "providers/healthie/cursor_guard.hpp"

using rosterform::healthie::CursorGuard;
using rosterform::healthie::CursorPage;

TEST_CASE("provider: cursor guard: a stream goes on while the server says so, and ends") {
  CursorGuard g("reading staff");
  auto first = g.next({2, 3, true, "c1"});
  REQUIRE(first);
  CHECK(*first);
  CHECK(*g.cursor() == "c1");
  auto last = g.next({1, 3, false, std::nullopt});  // the last page may omit its cursor
  REQUIRE(last);
  CHECK_FALSE(*last);
  CHECK(g.read() == 3);
}

TEST_CASE("provider: cursor guard: each way of not advancing is an incomplete read") {
  CursorGuard repeat("reading staff");
  REQUIRE(repeat.next({1, 5, true, "c1"}));
  REQUIRE(repeat.next({1, 5, true, "c2"}));
  CHECK(repeat.next({1, 5, true, "c1"}).error().message ==
        "incomplete read: reading staff: the server returned a cursor it had returned before; "
        "nothing was planned; run again");

  CHECK(CursorGuard("reading staff").next({1, 5, true, std::nullopt}).error().message ==
        "incomplete read: reading staff: has_next_page is true but end_cursor is null; nothing "
        "was planned; run again");
  CHECK(CursorGuard("reading staff").next({0, 5, true, "c1"}).error().message ==
        "incomplete read: reading staff: a page with has_next_page true held no items; nothing "
        "was planned; run again");
  CHECK(CursorGuard("reading staff").next({6, 5, false, std::nullopt}).error().message ==
        "incomplete read: reading staff: 6 items arrived but total_count is 5; nothing was "
        "planned; run again");
}
