#include "engine/output/console.hpp"

#include <iostream>

namespace rosterform::engine::output {

namespace {

GatedStreambuf* g_stdout_gate = nullptr;
GatedStreambuf* g_stderr_gate = nullptr;

}  // namespace

GatedStreambuf::~GatedStreambuf() {
  finish();
}

void GatedStreambuf::finish() {
  std::lock_guard<std::mutex> hold(m_mutex);
  write(m_gate.finish());
  m_target->pubsync();
}

void GatedStreambuf::write(std::string_view text) {
  if (!text.empty())
    m_target->sputn(text.data(), static_cast<std::streamsize>(text.size()));
}

std::streamsize GatedStreambuf::xsputn(const char* s, std::streamsize n) {
  std::lock_guard<std::mutex> hold(m_mutex);
  write(m_gate.feed(std::string_view(s, static_cast<std::size_t>(n))));
  return n;
}

GatedStreambuf::int_type GatedStreambuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof()))
    return traits_type::not_eof(ch);
  char c = traits_type::to_char_type(ch);
  xsputn(&c, 1);
  return ch;
}

int GatedStreambuf::sync() {
  return m_target->pubsync();
}

ConsoleGate::ConsoleGate()
    : m_out_target(std::cout.rdbuf()),
      m_err_target(std::cerr.rdbuf()),
      m_out(std::make_unique<GatedStreambuf>(m_out_target)),
      m_err(std::make_unique<GatedStreambuf>(m_err_target)) {
  std::cout.rdbuf(m_out.get());
  std::cerr.rdbuf(m_err.get());
  g_stdout_gate = m_out.get();
  g_stderr_gate = m_err.get();
}

ConsoleGate::~ConsoleGate() {
  g_stdout_gate = nullptr;
  g_stderr_gate = nullptr;
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(m_out_target);
  std::cerr.rdbuf(m_err_target);
  m_out->finish();
  m_err->finish();
}

void allow_colour_on_stdout(bool allow) {
  if (g_stdout_gate != nullptr)
    g_stdout_gate->set_colour(allow);
}

void allow_live_line_on_stderr(bool allow) {
  if (g_stderr_gate != nullptr)
    g_stderr_gate->set_live_line(allow);
}

void GatedStreambuf::set_live_line(bool live) {
  std::lock_guard<std::mutex> hold(m_mutex);
  m_gate.set_live_line(live);
}

void GatedStreambuf::set_colour(bool colour) {
  std::lock_guard<std::mutex> hold(m_mutex);
  m_gate.set_colour(colour);
}

}  // namespace rosterform::engine::output
