#pragma once
// Runs GraphQL calls concurrently under the throttling rules and hands each
// one's final classification to its callback. Single-threaded: callbacks run
// on the caller's thread inside run() and may enqueue more calls (the next
// page of a cursor stream), which is how fetches fan out.
//
// Retry rules, the heart of "no duplicates, ever":
//   - throttled answers are retried by every call (Healthie did nothing);
//   - reads are retried on server, transport and malformed answers;
//   - a mutation is retried only when its request provably never left
//     (connection refused); any other failure is handed to the caller as an
//     unknown outcome to be settled by a look-up, never repeated blind.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "engine/result.hpp"
#include "providers/healthie/documents.hpp"
#include "providers/healthie/notices.hpp"
#include "providers/healthie/provider_config.hpp"
#include "providers/healthie/response.hpp"
#include "providers/healthie/throttle.hpp"
#include "providers/healthie/wait_progress.hpp"
#include "providers/http/transport.hpp"

namespace rosterform::healthie {

struct ExecutorStats {
  std::uint64_t requests = 0;  // HTTP requests sent, retries included
  std::uint64_t retries = 0;
  std::uint64_t throttled = 0;  // answers that said "slow down"
  std::uint64_t failed_calls = 0;
  int peak_in_flight = 0;
  int window_decreases = 0;
  double paced_rate = 0;         // requests/s the learned pacer holds to; 0 = not pacing
  int pace_cuts = 0;             // times the pacer set or cut its rate
  std::uint64_t pages_read = 0;  // read answers decoded (note_page)
  std::uint64_t items_read = 0;  // users on those pages
};

class Executor {
 public:
  using Done = std::function<void(Classified)>;

  Executor(http::Transport& transport, const ProviderConfig& config, Notices& notices);

  void enqueue(const Document& doc, std::string variables_json, Done done);
  // Drives every call to its end. Returns the error passed to abort(), if any.
  engine::Status run();
  // Stops launching calls; calls in flight finish but their callbacks are
  // skipped. The first error wins.
  void abort(engine::Error error);
  [[nodiscard]] bool aborted() const { return m_error.has_value(); }
  // An overall deadline for every run() until clear_deadline(): once it
  // passes, the run stops launching calls and fails with `expired()`'s
  // error (calls in flight still end within the transport's own timeout).
  void set_deadline(Clock::time_point at, std::function<engine::Error()> expired);
  void clear_deadline() {
    m_deadline.reset();
    m_expired = nullptr;
  }
  // A reader decoded one page of `items` users (for stats and deadlines).
  void note_page(std::size_t items) {
    ++m_stats.pages_read;
    m_stats.items_read += items;
    m_phase_read += items;
    if (m_config.on_read_progress) {
      m_config.on_read_progress(m_phase, m_phase_read, m_phase_total);
    }
  }
  // Names the read phase that on_read_progress reports; its count restarts
  // and its total is unknown until set_phase_total.
  void begin_phase(std::string_view phase) {
    m_phase = phase;
    m_phase_read = 0;
    m_phase_total = 0;
  }
  // How many users the phase will read, once a count says (0: unknown).
  void set_phase_total(std::uint64_t total) { m_phase_total = total; }
  [[nodiscard]] const ExecutorStats& stats() const { return m_stats; }
  [[nodiscard]] int parallelism() const { return m_window.cap(); }

 private:
  struct Call {
    std::string operation;
    std::string root_field;
    bool mutation = false;
    std::string body;
    Done done;
    int attempts = 0;
    int throttled_attempts = 0;
    std::uint64_t round = 0;
    Clock::time_point sent_at{};
  };

  void launch_ready();
  void handle(std::uint64_t id, const http::Response& response);
  bool should_retry(const Call& call, const Classified& c) const;
  void schedule_retry(Call call, bool throttled);
  [[nodiscard]] Clock::time_point next_start(Clock::time_point now);
  [[nodiscard]] std::chrono::milliseconds idle_wait();
  void check_deadline(Clock::time_point now);
  [[nodiscard]] bool retries_pending() const;
  [[nodiscard]] http::Request build_request(const Call& call) const;

  http::Transport& m_transport;
  const ProviderConfig& m_config;
  Notices& m_notices;
  AimdWindow m_window;
  Backoff m_backoff;
  RateBudget m_budget;
  LearnedPacer m_pacer;
  WaitProgress m_progress;
  std::optional<Clock::time_point> m_deadline;
  std::function<engine::Error()> m_expired;
  std::deque<Call> m_ready;
  std::multimap<Clock::time_point, Call> m_delayed;
  std::map<std::uint64_t, Call> m_in_flight;
  std::uint64_t m_next_id = 1;
  std::optional<engine::Error> m_error;
  ExecutorStats m_stats;
  std::string_view m_phase;  // a literal: "staff members", "clients"
  std::uint64_t m_phase_read = 0;
  std::uint64_t m_phase_total = 0;
};

}  // namespace rosterform::healthie
