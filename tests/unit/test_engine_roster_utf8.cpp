#include <doctest/doctest.h>

#include <string>

#include "engine/roster/utf8.hpp"

using rosterform::engine::roster::first_invalid_utf8;
using rosterform::engine::roster::replace_invalid_utf8;

TEST_CASE("well-formed UTF-8 passes, up to U+10FFFF") {
  for (const std::string text : {"", "plain ascii", "Jos\xc3\xa9", "\xe2\x82\xac",
                                 "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xef\xbb\xbf"}) {
    CHECK(first_invalid_utf8(text) == text.size());
  }
}

TEST_CASE("the first bad byte is found: stray, truncated, overlong, surrogate, too high") {
  CHECK(first_invalid_utf8("Jan\xe9") == 3);           // Latin-1
  CHECK(first_invalid_utf8("ab\x80") == 2);            // a continuation alone
  CHECK(first_invalid_utf8("\xc3") == 0);              // cut short
  CHECK(first_invalid_utf8("x\xc3\x28") == 1);         // bad continuation
  CHECK(first_invalid_utf8("\xc0\xaf") == 0);          // overlong '/'
  CHECK(first_invalid_utf8("\xe0\x80\xaf") == 0);      // overlong, three bytes
  CHECK(first_invalid_utf8("ok\xed\xa0\x80") == 2);    // a surrogate
  CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(first_invalid_utf8("\xf5\x80\x80\x80") == 0);
  CHECK(first_invalid_utf8("\xff") == 0);
}

TEST_CASE("invalid bytes are replaced one by one, valid sequences kept") {
  CHECK(replace_invalid_utf8("Jan\xe9 \xc3\xa9\xff") == "Jan? \xc3\xa9?");
}
