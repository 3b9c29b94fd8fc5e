#pragma once
// The one place text leaves rosterform for a person: every write to
// std::cout and std::cerr passes through a TextGate (text_gate.hpp) while a
// ConsoleGate is alive. cli::run holds one for the whole run, so no command,
// message or third-party printer (CLI11's usage errors echo arguments) can
// put a raw control character on the terminal or into a CI log.

#include <memory>
#include <mutex>
#include <streambuf>
#include <string_view>

#include "engine/output/text_gate.hpp"

namespace rosterform::engine::output {

// A streambuf that escapes what it is given and writes it to `target`. A
// progress line from another thread may arrive mid-write, so the gate's
// state (a character held back) is guarded.
class GatedStreambuf final : public std::streambuf {
 public:
  explicit GatedStreambuf(std::streambuf* target) : m_target(target) {}
  ~GatedStreambuf() override;
  GatedStreambuf(const GatedStreambuf&) = delete;
  GatedStreambuf& operator=(const GatedStreambuf&) = delete;

  void set_colour(bool colour);
  void set_live_line(bool live);
  // Writes what is held back (an incomplete character), escaped.
  void finish();

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  void write(std::string_view text);

  std::streambuf* m_target;
  std::mutex m_mutex;
  TextGate m_gate;
};

// Routes std::cout and std::cerr through the gate until destroyed.
class ConsoleGate {
 public:
  ConsoleGate();
  ~ConsoleGate();
  ConsoleGate(const ConsoleGate&) = delete;
  ConsoleGate& operator=(const ConsoleGate&) = delete;

 private:
  std::streambuf* m_out_target;
  std::streambuf* m_err_target;
  std::unique_ptr<GatedStreambuf> m_out;
  std::unique_ptr<GatedStreambuf> m_err;
};

// Whether rosterform's own colour sequences may reach standard output: set
// by the CLI when it decides to colour a plan (a terminal, no -no-color, no
// NO_COLOR). Standard error never carries colour. No effect without a gate.
void allow_colour_on_stdout(bool allow);

// Whether a live status line (carriage return, ESC [ K) may reach standard
// error: set by the CLI's progress display on a terminal only.
void allow_live_line_on_stderr(bool allow);

}  // namespace rosterform::engine::output
