#pragma once
// Progress on standard error while rosterform reads Healthie or applies a
// plan, so long work is never silent (-progress=auto|plain|none).
//   live   (auto on a terminal): one status line redrawn in place,
//          "Reading clients… 12,400, 3 s"; finished changes print above it.
//   plain  (auto off a terminal, CI): a line when a phase starts, one at
//          least every 10 s while it lasts, one when it ends, and one per
//          finished change.
//   none   nothing but what the provider must say (throttling, deprecation).
// The text is fixed words, counts, seconds and the labels every output gives
// a record (engine/plan/handle.hpp): never a PHI value. Standard output (the
// plan, -json, -markdown) is not touched.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "engine/result.hpp"

namespace CLI {
class App;
}

namespace rosterform::cli {

enum class ProgressMode : std::uint8_t { live, plain, none };

// "auto" (a terminal on stderr: live, else plain), "plain" or "none".
[[nodiscard]] engine::Result<ProgressMode> parse_progress_mode(std::string_view text,
                                                               bool stderr_is_terminal);

// Adds -progress=auto|plain|none to `sub`.
void add_progress_option(CLI::App& sub, std::string& mode);

class Progress {
 public:
  using Clock = std::chrono::steady_clock;
  // The plain interval is 10 s; ROSTERFORM_PROGRESS_INTERVAL (a duration,
  // e.g. 1s) shortens it for tests.
  explicit Progress(ProgressMode mode);
  Progress(ProgressMode mode, std::chrono::milliseconds plain_interval);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // `done` items of phase `what` ("clients") so far; a new `what` ends the
  // phase before. `total` (0: unknown) is shown as "of N".
  void update(std::string_view what, std::uint64_t done, std::uint64_t total = 0);
  // Ends the current phase: "Read 2,800 clients in 3 s".
  void finish();
  // A line of its own (a finished change, a provider note), printed in every
  // mode but none, above the live line.
  void line(std::string_view text);
  // A provider note (throttling): printed even in none mode.
  void note(std::string_view text);
  [[nodiscard]] ProgressMode mode() const { return m_mode; }

 private:
  struct Phase {
    std::string what;
    std::uint64_t done = 0;
    std::uint64_t total = 0;
    Clock::time_point started;
    Clock::time_point last_plain;
  };
  void tick();
  void draw_locked();
  void clear_locked();
  void finish_locked();
  [[nodiscard]] std::string status_locked() const;

  ProgressMode m_mode;
  std::chrono::milliseconds m_plain_interval;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  bool m_drawn = false;
  std::optional<Phase> m_phase;
  std::thread m_ticker;
};

// "3 s", "0.4 s", "2 min 5 s".
[[nodiscard]] std::string elapsed_text(std::chrono::steady_clock::duration d);

}  // namespace rosterform::cli
