#pragma once
// Transport over libcurl's multi interface: every submitted request runs
// concurrently on one thread, connections are kept alive and reused, and
// HTTP/2 is negotiated (and multiplexed) when the server offers it over TLS.
// TLS verification is always on; proxies come from the usual environment
// variables (libcurl's default).

#include <chrono>
#include <map>
#include <memory>

#include "engine/result.hpp"
#include "providers/http/transport.hpp"

namespace rosterform::http {

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  long max_host_connections = 16;  // keep-alive pool per host
};

class CurlTransport final : public Transport {
 public:
  // Fails only if libcurl cannot be initialised.
  static engine::Result<std::unique_ptr<CurlTransport>> create(TransportOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  void submit(std::uint64_t id, Request request) override;
  std::vector<Completion> wait(std::chrono::milliseconds max_wait) override;
  [[nodiscard]] std::size_t in_flight() const override { return m_active.size(); }

 private:
  struct Transfer;
  explicit CurlTransport(TransportOptions options, void* multi);
  std::vector<Completion> collect();

  TransportOptions m_options;
  void* m_multi;  // CURLM*; kept opaque so libcurl stays a private dependency
  std::map<void*, std::unique_ptr<Transfer>> m_active;  // by CURL* easy handle
  std::vector<void*> m_idle;                            // reusable easy handles
};

}  // namespace rosterform::http
