#pragma once
// The seam between the Healthie client and the network. The client submits
// requests and collects completions; it never waits on one request at a time,
// so many pages are in flight at once over a few kept-alive connections.
// CurlTransport is the real implementation; unit tests use a fake.

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rosterform::http {

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  std::string url;
  std::vector<Header> headers;
  std::string body;  // always POSTed
  // false for mutations: libcurl silently re-sends a request whose reused
  // connection died before any answer, which would repeat a create. Such a
  // request gets a fresh connection, so any failure reaches the caller.
  bool idempotent = true;
};

// Why no HTTP answer arrived. `not_sent` failures happened before a byte of
// the request reached the server (DNS, connect refused), so even a mutation
// may be repeated; every other kind leaves a mutation's outcome unknown.
enum class TransportFailure : std::uint8_t {
  none,
  not_sent,
  timeout,
  connection_lost,  // reset, closed early, truncated transfer
  tls,
  // The server's certificate was not accepted (or our CA file is unusable):
  // not a condition that passes in seconds, so it is never retried.
  untrusted,
  other,
};

struct Response {
  long status = 0;  // HTTP status; 0 when `failure` is not none
  std::string body;
  std::vector<Header> headers;  // names lower-cased
  TransportFailure failure = TransportFailure::none;
  std::string failure_text;  // never contains the key (see redact.hpp)
};

struct Completion {
  std::uint64_t id = 0;
  Response response;
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Starts `request`; its answer is returned by a later wait() under `id`.
  virtual void submit(std::uint64_t id, Request request) = 0;

  // Returns the requests finished so far, waiting up to `max_wait` for at
  // least one when none is ready. Empty only on timeout or when idle.
  virtual std::vector<Completion> wait(std::chrono::milliseconds max_wait) = 0;

  [[nodiscard]] virtual std::size_t in_flight() const = 0;
};

[[nodiscard]] std::string_view to_string(TransportFailure failure);

}  // namespace rosterform::http
