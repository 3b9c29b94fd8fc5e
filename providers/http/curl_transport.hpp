#pragma once
// Transport over libcurl's multi interface: every submitted request runs
// concurrently on one thread, connections are kept alive and reused, and
// HTTP/2 is negotiated (and multiplexed) when the server offers it over TLS.
// TLS verification is always on; proxies come from the usual environment
// variables (libcurl's default). A request to a plain http:// URL that is not
// loopback is refused here too (endpoint_policy.hpp), whoever built it: it
// would carry the key in the clear.

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "engine/result.hpp"
#include "providers/http/transport.hpp"

namespace rosterform::http {

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  long max_host_connections = 16;  // keep-alive pool per host
  // PEM file of the CAs to trust instead of the system's store (a private
  // CA, or a test's). Verification stays on either way.
  std::string ca_file;
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
  [[nodiscard]] std::size_t in_flight() const override {
    return m_active.size() + m_refused.size();
  }

 private:
  struct Transfer;
  explicit CurlTransport(TransportOptions options, void* multi);
  std::vector<Completion> collect();
  void refuse(std::uint64_t id, std::string why);

  TransportOptions m_options;
  void* m_multi;  // CURLM*; kept opaque so libcurl stays a private dependency
  std::map<void*, std::unique_ptr<Transfer>> m_active;  // by CURL* easy handle
  std::vector<void*> m_idle;                            // reusable easy handles
  std::vector<Completion> m_refused;                    // never sent; returned by wait()
};

}  // namespace rosterform::http
