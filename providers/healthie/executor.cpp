#include "providers/healthie/executor.hpp"

#include <algorithm>
#include <thread>

#include "engine/version.hpp"
#include "providers/healthie/json_text.hpp"
#include "providers/http/redact.hpp"

namespace rosterform::healthie {

namespace {

std::uint64_t seed_of(const ProviderConfig& config) {
  if (config.jitter_seed != 0)
    return config.jitter_seed;
  return static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
}

bool is_read_failure(ResponseKind kind) {
  return kind == ResponseKind::server_error || kind == ResponseKind::transport_error ||
         kind == ResponseKind::malformed;
}

}  // namespace

Executor::Executor(http::Transport& transport, const ProviderConfig& config, Notices& notices)
    : m_transport(transport),
      m_config(config),
      m_notices(notices),
      m_window(config.initial_window, config.parallelism),
      m_backoff(config.backoff_base, config.backoff_cap, seed_of(config)),
      m_budget(config.max_requests_per_second),
      m_progress(config.progress_interval,
                 [&notices](std::string_view text) { notices.progress(text); }) {}

void Executor::set_deadline(Clock::time_point at, std::function<engine::Error()> expired) {
  m_deadline = at;
  m_expired = std::move(expired);
}

bool Executor::retries_pending() const {
  auto retried = [](const Call& c) { return c.attempts > 0 || c.throttled_attempts > 0; };
  return !m_delayed.empty() || std::any_of(m_ready.begin(), m_ready.end(), retried) ||
         std::any_of(m_in_flight.begin(), m_in_flight.end(),
                     [&](const auto& entry) { return retried(entry.second); });
}

void Executor::check_deadline(Clock::time_point now) {
  if (m_deadline && !m_error && now >= *m_deadline)
    abort(m_expired ? m_expired() : engine::Error("the deadline passed"));
}

void Executor::enqueue(const Document& doc, std::string variables_json, Done done) {
  Call call;
  call.operation = doc.operation_name;
  call.root_field = doc.root_field;
  call.mutation = doc.mutation;
  call.body = graphql_body(doc.operation_name, doc.text, variables_json);
  call.done = std::move(done);
  m_ready.push_back(std::move(call));
}

void Executor::abort(engine::Error error) {
  if (!m_error)
    m_error = std::move(error);
  m_ready.clear();
  m_delayed.clear();
}

http::Request Executor::build_request(const Call& call) const {
  http::Request r;
  r.url = m_config.endpoint;
  r.body = call.body;
  r.idempotent = !call.mutation;
  r.headers = {
      {"Content-Type", "application/json"},
      {"Accept", "application/json"},
      {"Authorization", "Basic " + m_config.api_key},
      {"AuthorizationSource", "API"},
      {"Healthie-GraphQL-API-Version", m_config.api_version.header},
      {"User-Agent", "rosterform/" + std::string(engine::k_version)},
  };
  if (!m_config.shard.empty())
    r.headers.push_back({"AuthorizationShard", m_config.shard});
  return r;
}

// The later of the two token buckets: our own budget and the learned pace.
Clock::time_point Executor::next_start(Clock::time_point now) {
  return std::max(m_budget.next_slot(now), m_pacer.next_slot(now));
}

void Executor::launch_ready() {
  auto now = Clock::now();
  while (!m_delayed.empty() && m_delayed.begin()->first <= now) {
    m_ready.push_front(std::move(m_delayed.begin()->second));
    m_delayed.erase(m_delayed.begin());
  }
  while (!m_ready.empty() && static_cast<int>(m_in_flight.size()) < m_window.limit()) {
    if (next_start(now) > now)
      break;
    m_budget.take(now);
    m_pacer.take(now);
    Call call = std::move(m_ready.front());
    m_ready.pop_front();
    call.round = m_window.round();
    call.sent_at = now;
    std::uint64_t id = m_next_id++;
    m_transport.submit(id, build_request(call));
    m_in_flight.emplace(id, std::move(call));
    ++m_stats.requests;
    m_stats.peak_in_flight = std::max(m_stats.peak_in_flight, static_cast<int>(m_in_flight.size()));
  }
}

std::chrono::milliseconds Executor::idle_wait() {
  auto now = Clock::now();
  Clock::time_point next = now + std::chrono::milliseconds(1000);
  if (!m_delayed.empty())
    next = std::min(next, m_delayed.begin()->first);
  if (!m_ready.empty() && static_cast<int>(m_in_flight.size()) < m_window.limit())
    next = std::min(next, next_start(now));
  if (m_deadline)
    next = std::min(next, *m_deadline);
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(next - now);
  return std::max(wait, std::chrono::milliseconds(0));
}

engine::Status Executor::run() {
  m_pacer.begin(Clock::now());
  while (true) {
    auto now = Clock::now();
    check_deadline(now);
    m_progress.tick(now);
    if (!m_error)
      launch_ready();
    if (m_in_flight.empty() && (m_error || (m_ready.empty() && m_delayed.empty())))
      break;
    auto wait = idle_wait();
    if (m_in_flight.empty()) {
      std::this_thread::sleep_for(std::max(wait, std::chrono::milliseconds(1)));
      continue;
    }
    for (http::Completion& done : m_transport.wait(wait))
      handle(done.id, done.response);
  }
  m_progress.settled();
  m_stats.window_decreases = m_window.decreases();
  m_stats.paced_rate = m_pacer.rate();
  m_stats.pace_cuts = m_pacer.cuts();
  if (!m_error)
    return {};
  // The executor outlives one phase (its window is what it learned about
  // the server), so the error belongs to this run only.
  engine::Error error = std::move(*m_error);
  m_error.reset();
  return tl::unexpected(std::move(error));
}

bool Executor::should_retry(const Call& call, const Classified& c) const {
  if (c.kind == ResponseKind::throttled)
    return call.throttled_attempts < m_config.max_throttled_attempts;
  if (call.attempts >= m_config.max_attempts || c.failure == http::TransportFailure::untrusted)
    return false;
  if (call.mutation) {
    return c.kind == ResponseKind::transport_error && c.failure == http::TransportFailure::not_sent;
  }
  return is_read_failure(c.kind);
}

void Executor::schedule_retry(Call call, bool throttled) {
  ++m_stats.retries;
  int attempt = throttled ? call.throttled_attempts : call.attempts;
  auto at = Clock::now() + m_backoff.delay(attempt);
  m_delayed.emplace(at, std::move(call));
}

void Executor::handle(std::uint64_t id, const http::Response& response) {
  auto it = m_in_flight.find(id);
  if (it == m_in_flight.end())
    return;
  Call call = std::move(it->second);
  m_in_flight.erase(it);
  if (m_error)
    return;
  Classified c = classify(response, call.root_field, m_config.api_key);
  c.detail = http::redact(c.detail, m_config.api_key);
  m_notices.report(c.warnings);
  bool throttled = c.kind == ResponseKind::throttled;
  if (throttled) {
    ++m_stats.throttled;
    m_window.on_throttle(call.round);
    m_pacer.on_throttle(Clock::now(), call.sent_at);
  } else if (c.kind == ResponseKind::ok || c.kind == ResponseKind::validation) {
    m_window.on_success();
    m_pacer.on_success(Clock::now());
  }
  if (should_retry(call, c)) {
    if (throttled)
      ++call.throttled_attempts;
    else
      ++call.attempts;
    m_progress.retrying(Clock::now(), c.kind);
    schedule_retry(std::move(call), throttled);
    return;
  }
  if (m_progress.active() && !retries_pending())
    m_progress.settled();
  if (c.kind != ResponseKind::ok && c.kind != ResponseKind::validation)
    ++m_stats.failed_calls;
  call.done(std::move(c));
}

}  // namespace rosterform::healthie
