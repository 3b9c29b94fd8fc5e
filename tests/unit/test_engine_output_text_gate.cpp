#include <doctest/doctest.h>

#include <iostream>
#include <sstream>

#include "engine/output/console.hpp"
#include "engine/output/text_gate.hpp"
#include "engine/render/json_writer.hpp"

using rosterform::engine::output::printable;
using rosterform::engine::output::TextGate;

TEST_CASE("output gate: C0, DEL and ESC sequences are escaped; newline and tab pass") {
  CHECK(printable("a\tb\nc") == "a\tb\nc");
  CHECK(printable("\x1b[2J\x1b]0;title\x07") == "\\u001b[2J\\u001b]0;title\\u0007");
  CHECK(printable(std::string("nul\0cr\rdel\x7f", 11)) == "nul\\u0000cr\\u000ddel\\u007f");
}

TEST_CASE("output gate: C1 and bidi controls are escaped, letters are not") {
  CHECK(printable("M\xc3\xbcller \xe2\x80\x94 \xe6\x97\xa5") ==
        "M\xc3\xbcller \xe2\x80\x94 \xe6\x97\xa5");
  CHECK(printable("\xc2\x85\xc2\x9b") == "\\u0085\\u009b");
  CHECK(printable("evil\xe2\x80\xae"
                  "txt.exe\xe2\x81\xa6x\xe2\x81\xa9") == "evil\\u202etxt.exe\\u2066x\\u2069");
  CHECK(printable("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c\xef\xbb\xbf\xe2\x80\xa8") ==
        "\\u200e\\u200f\\u061c\\ufeff\\u2028");
}

TEST_CASE("output gate: bytes that are not UTF-8 are escaped one by one") {
  CHECK(printable("a\x9b"
                  "b") == "a\\x9bb");            // a lone C1 byte: CSI to an 8-bit terminal
  CHECK(printable("\xc0\xaf") == "\\xc0\\xaf");  // overlong
  CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
  CHECK(printable("\xe2\x80") == "\\xe2\\x80");           // cut short at the end
}

TEST_CASE("output gate: a character split between two writes is held until complete") {
  TextGate gate;
  CHECK(gate.feed("ab\xe2\x80") == "ab");
  CHECK(gate.feed("\xae"
                  "c\xc3") == "\\u202ec");
  CHECK(gate.feed("\xbc") == "\xc3\xbc");
  CHECK(gate.feed("\xe2") == "");
  CHECK(gate.finish() == "\\xe2");
}

TEST_CASE("output gate: with colour, only the renderer's own SGR sequences pass") {
  TextGate gate(true);
  CHECK(gate.feed("\x1b[32m+\x1b[0m \x1b[1mbold\x1b[0m") == "\x1b[32m+\x1b[0m \x1b[1mbold\x1b[0m");
  CHECK(gate.feed("\x1b[8mhidden\x1b[2J\x1b]8;;http://x\x07") ==
        "\\u001b[8mhidden\\u001b[2J\\u001b]8;;http://x\\u0007");
  CHECK(gate.feed("\x1b[3") == "");
  CHECK(gate.feed("1mred") == "\x1b[31mred");
  CHECK(gate.feed("\x1b") == "");
  CHECK(gate.finish() == "\\u001b");
  CHECK(TextGate(false).feed("\x1b[32m") == "\\u001b[32m");
}

TEST_CASE("output gate: escaping is idempotent") {
  std::string once = printable("\x1b\xc2\x85\xe2\x80\xae\xff");
  CHECK(printable(once) == once);
}

TEST_CASE("output gate: the console gate escapes everything written to std::cout and std::cerr") {
  std::ostringstream out;
  std::ostringstream err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  {
    rosterform::engine::output::ConsoleGate gate;
    std::cout << "name: \x1b[31mEve\xe2\x80";
    std::cout << "\xae\n";
    std::cerr << "warning: \xc2\x9b"
              << "2J\n";
    rosterform::engine::output::allow_colour_on_stdout(true);
    std::cout << "\x1b[32m+\x1b[0m\n";
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  CHECK(out.str() == "name: \\u001b[31mEve\\u202e\n\x1b[32m+\x1b[0m\n");
  CHECK(err.str() == "warning: \\u009b2J\n");
}

TEST_CASE("output gate: JSON output escapes C1 and bidi controls as \\u sequences") {
  rosterform::engine::render::JsonWriter w;
  w.begin_object();
  w.field("name",
          "\x1b[2J\xc2\x85\xe2\x80\xae"
          "M\xc3\xbcller");
  w.end_object();
  CHECK(w.take() == "{\n  \"name\": \"\\u001b[2J\\u0085\\u202eM\xc3\xbcller\"\n}\n");
  CHECK(rosterform::engine::render::json_quote("\xe2\x81\xa6") == "\"\\u2066\"");
}
