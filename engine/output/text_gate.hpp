#pragma once
// The privacy gate's last rule: text from Healthie or a roster file must not
// drive the reader's terminal. A raw ESC can move the cursor, clear the
// screen or rewrite a line of a CI log; a C1 byte (U+0080-U+009F) is a
// control to some terminals; a bidi override (U+202A-U+202E, U+2066-U+2069)
// makes text read differently from what it is (CVE-2021-42574). Those are
// written as escapes instead:
//
//   C0 except newline and tab, DEL, C1, bidi and other invisible format
//   characters (U+061C, U+200E, U+200F, U+2028-U+202E, U+2066-U+2069, U+FEFF,
//   U+FFF9-U+FFFB)            ->  \u001b, \u0085, \u202e ... (JSON's escape)
//   a byte that is not UTF-8  ->  \xff
//
// The \u form is the one JSON uses, so JSON output passed through the gate
// stays valid JSON (its own escaping already covers C0 inside strings).
// Everything else, including every printable non-ASCII letter, passes as is.

#include <string>
#include <string_view>

namespace rosterform::engine::output {

// `text` with every control character escaped.
[[nodiscard]] std::string printable(std::string_view text);

// The same rule over a stream that arrives in pieces: a character split
// between two pieces is held back until it is complete. With `colour`, the
// SGR sequences rosterform's own renderer uses (reset, bold, dim, and the
// foreground colours 31-36) pass; every other escape sequence is escaped.
class TextGate {
 public:
  explicit TextGate(bool colour = false) : m_colour(colour) {}
  void set_colour(bool colour) { m_colour = colour; }
  // A live status line on a terminal: lets a carriage return and "erase to
  // the end of the line" (ESC [ K) pass, so one line can be redrawn.
  void set_live_line(bool live) { m_live = live; }

  // What of `piece` (after anything held back) may be written now.
  [[nodiscard]] std::string feed(std::string_view piece);
  // Whatever is still held back, escaped (an incomplete character).
  [[nodiscard]] std::string finish();

 private:
  std::string run(bool at_end);

  std::string m_pending;
  bool m_colour;
  bool m_live = false;
};

}  // namespace rosterform::engine::output
