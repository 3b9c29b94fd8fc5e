#pragma once
// A Transport that answers from a function, synchronously: a request
// submitted is complete at the next wait(). Every request is kept, so tests
// can check headers and count calls.

#include <deque>
#include <functional>
#include <vector>

#include "providers/http/transport.hpp"

namespace rosterform::testing {

class FakeTransport final : public http::Transport {
 public:
  using Handler = std::function<http::Response(const http::Request&)>;
  explicit FakeTransport(Handler handler) : m_handler(std::move(handler)) {}

  void submit(std::uint64_t id, http::Request request) override {
    requests.push_back(request);
    m_done.push_back({id, m_handler(request)});
    m_peak = std::max(m_peak, m_done.size());
  }
  std::vector<http::Completion> wait(std::chrono::milliseconds) override {
    std::vector<http::Completion> out(std::make_move_iterator(m_done.begin()),
                                      std::make_move_iterator(m_done.end()));
    m_done.clear();
    return out;
  }
  [[nodiscard]] std::size_t in_flight() const override { return m_done.size(); }
  [[nodiscard]] std::size_t peak_in_flight() const { return m_peak; }

  std::vector<http::Request> requests;

 private:
  Handler m_handler;
  std::deque<http::Completion> m_done;
  std::size_t m_peak = 0;
};

inline http::Response json_response(std::string body, long status = 200) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

inline http::Response lost_response() {
  http::Response r;
  r.failure = http::TransportFailure::connection_lost;
  r.failure_text = "Connection reset by peer";
  return r;
}

}  // namespace rosterform::testing
