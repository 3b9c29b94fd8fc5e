#include "cli/progress.hpp"

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "engine/diagnostics.hpp"
#include "engine/duration.hpp"
#include "engine/output/console.hpp"

namespace rosterform::cli {

namespace {

// Seconds as a person reads them while waiting.
std::string whole_seconds(Progress::Clock::duration d) {
  return fmt::format("{} s", std::chrono::duration_cast<std::chrono::seconds>(d).count());
}

}  // namespace

engine::Result<ProgressMode> parse_progress_mode(std::string_view text, bool stderr_is_terminal) {
  if (text == "auto") {
    return stderr_is_terminal ? ProgressMode::live : ProgressMode::plain;
  }
  if (text == "plain") {
    return ProgressMode::plain;
  }
  if (text == "none") {
    return ProgressMode::none;
  }
  return engine::fail(fmt::format("invalid value for -progress: use auto, plain or none{}",
                                  text.empty() ? "" : fmt::format(" (got '{}')", text)));
}

void add_progress_option(CLI::App& sub, std::string& mode) {
  sub.add_option("--progress", mode,
                 "Progress on stderr: auto (live on a terminal, lines otherwise), plain or none "
                 "(default auto)");
}

std::string elapsed_text(std::chrono::steady_clock::duration d) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  if (ms < 10'000) {
    return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
  }
  auto s = ms / 1000;
  return s < 60 ? fmt::format("{} s", s) : fmt::format("{} min {} s", s / 60, s % 60);
}

namespace {
std::chrono::milliseconds plain_interval_from_env() {
  const char* text = std::getenv("ROSTERFORM_PROGRESS_INTERVAL");
  auto value = text != nullptr ? engine::parse_duration(text) : std::nullopt;
  return value && value->count() > 0 ? *value : std::chrono::milliseconds(10'000);
}
}  // namespace

Progress::Progress(ProgressMode mode) : Progress(mode, plain_interval_from_env()) {}

Progress::Progress(ProgressMode mode, std::chrono::milliseconds plain_interval)
    : m_mode(mode), m_plain_interval(plain_interval) {
  if (m_mode == ProgressMode::live) {
    engine::output::allow_live_line_on_stderr(true);
  }
  if (m_mode != ProgressMode::none) {
    m_ticker = std::thread([this] { tick(); });
  }
}

Progress::~Progress() {
  {
    std::lock_guard<std::mutex> hold(m_mutex);
    finish_locked();
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_ticker.joinable()) {
    m_ticker.join();
  }
  if (m_mode == ProgressMode::live) {
    engine::output::allow_live_line_on_stderr(false);
  }
}

void Progress::tick() {
  std::unique_lock<std::mutex> hold(m_mutex);
  const auto step = m_mode == ProgressMode::live ? std::chrono::milliseconds(250)
                                                 : std::chrono::milliseconds(500);
  while (!m_stop) {
    m_wake.wait_for(hold, step);
    if (m_stop || !m_phase) {
      continue;
    }
    auto now = Clock::now();
    if (m_mode == ProgressMode::live) {
      draw_locked();
    } else if (now - m_phase->last_plain >= m_plain_interval) {
      m_phase->last_plain = now;
      std::cerr << status_locked() << "\n" << std::flush;
    }
  }
}

std::string Progress::status_locked() const {
  const Phase& p = *m_phase;
  std::string of = p.total > 0 ? fmt::format(" of {}", engine::grouped_count(p.total)) : "";
  std::string verb = p.what == "changes" ? "Applying" : "Reading " + p.what;
  std::string count = p.what == "changes" ? fmt::format("{}{} changes", engine::grouped_count(p.done), of)
                                          : fmt::format("{}{}", engine::grouped_count(p.done), of);
  return fmt::format("{}… {}, {}", verb, count, whole_seconds(Clock::now() - p.started));
}

void Progress::draw_locked() {
  std::cerr << "\r\x1b[K" << status_locked() << std::flush;
  m_drawn = true;
}

void Progress::clear_locked() {
  if (m_drawn) {
    std::cerr << "\r\x1b[K";
    m_drawn = false;
  }
}

void Progress::update(std::string_view what, std::uint64_t done, std::uint64_t total) {
  if (m_mode == ProgressMode::none || what.empty()) {
    return;
  }
  std::lock_guard<std::mutex> hold(m_mutex);
  if (m_phase && m_phase->what != what) {
    finish_locked();
  }
  if (!m_phase) {
    auto now = Clock::now();
    m_phase = Phase{std::string(what), 0, total, now, now};
    if (m_mode == ProgressMode::plain) {
      std::cerr << (what == "changes" ? fmt::format("Applying {} changes…", engine::grouped_count(total))
                                      : fmt::format("Reading {}…", what))
                << "\n" << std::flush;
    }
  }
  m_phase->done = done;
  m_phase->total = total;
  if (m_mode == ProgressMode::live) {
    draw_locked();
  }
}

void Progress::finish_locked() {
  if (!m_phase || m_mode == ProgressMode::none) {
    m_phase.reset();
    return;
  }
  clear_locked();
  const Phase& p = *m_phase;
  std::string took = elapsed_text(Clock::now() - p.started);
  if (p.what == "changes") {
    std::cerr << fmt::format("Finished {} of {} changes in {}\n", engine::grouped_count(p.done),
                             engine::grouped_count(p.total), took);
  } else {
    std::cerr << fmt::format("Read {} {} in {}\n", engine::grouped_count(p.done), p.what, took);
  }
  std::cerr << std::flush;
  m_phase.reset();
}

void Progress::finish() {
  std::lock_guard<std::mutex> hold(m_mutex);
  finish_locked();
}

void Progress::line(std::string_view text) {
  if (m_mode == ProgressMode::none) {
    return;
  }
  note(text);
}

void Progress::note(std::string_view text) {
  std::lock_guard<std::mutex> hold(m_mutex);
  bool redraw = m_drawn;
  clear_locked();
  std::cerr << text << "\n";
  if (redraw && m_phase) {
    draw_locked();
  }
  std::cerr << std::flush;
}

}  // namespace rosterform::cli
