// transport_probe: drives http::CurlTransport on its own (and once through
// the Healthie provider, for the headers the product sends), for
// tests/integration/test_curl_transport.sh. The key comes from the
// environment (TRANSPORT_PROBE_KEY), never from argv.
//
//   transport_probe [--ca FILE] [--connect-timeout-ms N] [--timeout-ms N] COMMAND
//   commands:
//     send URL [COUNT] [one-by-one|together|warm] [read|mutation]
//                   warm: one request alone, then the rest at once
//     unreachable   a local port whose accept queue is full: a connect never completes
//     silent        a local port that takes the connection (in the kernel) but never answers
//     preflight URL the provider's preflight over a CurlTransport
// Output: one line per completed request,
//   n=<i> status=<s> failure=<kind> ms=<elapsed> text=<failure text> body=<body>
// and for preflight "caller=<id>" or "error: <message>" (exit 1).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "providers/healthie/healthie_provider.hpp"
#include "providers/http/curl_transport.hpp"

using namespace rosterform;
using Clock = std::chrono::steady_clock;

namespace {

std::string key() {
  const char* k = std::getenv("TRANSPORT_PROBE_KEY");
  return k != nullptr ? k : "";
}

http::Request request_to(const std::string& url, bool mutation) {
  http::Request r;
  r.url = url;
  r.body = R"({"query":"query Probe { currentUser { id } }"})";
  r.idempotent = !mutation;
  r.headers = {{"Content-Type", "application/json"}, {"Authorization", "Basic " + key()}};
  return r;
}

// The enumerator's name: one word, for the test to match.
std::string_view kind(http::TransportFailure f) {
  switch (f) {
    case http::TransportFailure::none:
      return "none";
    case http::TransportFailure::not_sent:
      return "not_sent";
    case http::TransportFailure::timeout:
      return "timeout";
    case http::TransportFailure::connection_lost:
      return "connection_lost";
    case http::TransportFailure::tls:
      return "tls";
    case http::TransportFailure::untrusted:
      return "untrusted";
    case http::TransportFailure::other:
      return "other";
  }
  return "other";
}

void print(const http::Completion& c, Clock::time_point started) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  std::cout << "n=" << c.id << " status=" << c.response.status
            << " failure=" << kind(c.response.failure) << " ms=" << ms.count()
            << " text=" << c.response.failure_text << " body=" << c.response.body << "\n";
}

// Waits for every request in flight and prints each as it ends.
void drain(http::Transport& t, Clock::time_point started) {
  while (t.in_flight() > 0)
    for (const http::Completion& c : t.wait(std::chrono::milliseconds(1000)))
      print(c, started);
}

int send(http::Transport& t, const std::vector<std::string>& a) {
  std::size_t count = a.size() > 2 ? std::stoul(a[2]) : 1;
  std::string mode = a.size() > 3 ? a[3] : "one-by-one";
  bool mutation = a.size() > 4 && a[4] == "mutation";
  auto started = Clock::now();
  for (std::size_t i = 1; i <= count; ++i) {
    t.submit(i, request_to(a.at(1), mutation));
    if (mode == "one-by-one" || (mode == "warm" && i == 1))
      drain(t, started);
  }
  drain(t, started);
  return 0;
}

// A listening socket on 127.0.0.1 that never accepts. With `fill`, its
// accept queue is filled first, so the kernel drops further SYNs and a
// connect hangs until the client's connect timeout.
int listener(bool fill, std::vector<int>& fds, int& port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (s < 0 || bind(s, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      listen(s, fill ? 0 : 16) != 0 ||
      getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::cerr << "error: cannot open a local listening socket\n";
    return 1;
  }
  fds.push_back(s);
  port = ntohs(addr.sin_port);
  for (int i = 0; fill && i < 4; ++i) {
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    (void)connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    fds.push_back(c);
  }
  return 0;
}

int blackhole(http::Transport& t, bool unreachable) {
  std::vector<int> fds;
  int port = 0;
  if (listener(unreachable, fds, port) != 0)
    return 1;
  int rc = send(t, {"send", "http://127.0.0.1:" + std::to_string(port) + "/graphql"});
  for (int fd : fds)
    close(fd);
  return rc;
}

int preflight(const http::TransportOptions& options, const std::string& url) {
  healthie::ProviderConfig config;
  config.endpoint = url;
  config.api_key = key();
  config.transport = options;
  auto provider = healthie::make_healthie_provider(config);
  if (!provider) {
    std::cerr << "error: " << provider.error().message << "\n";
    return 1;
  }
  auto caller = (*provider)->preflight();
  if (!caller) {
    std::cerr << "error: " << caller.error().message << "\n";
    return 1;
  }
  std::cout << "caller=" << caller->user_id << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  http::TransportOptions options;
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : "0"; };
    if (arg == "--ca")
      options.ca_file = value();
    else if (arg == "--connect-timeout-ms")
      options.connect_timeout = std::chrono::milliseconds(std::stol(value()));
    else if (arg == "--timeout-ms")
      options.total_timeout = std::chrono::milliseconds(std::stol(value()));
    else
      rest.push_back(arg);
  }
  if (rest.empty()) {
    std::cerr << "error: no command (see the comment at the top of transport_probe.cpp)\n";
    return 1;
  }
  if (rest[0] == "preflight" && rest.size() > 1)
    return preflight(options, rest[1]);
  auto transport = http::CurlTransport::create(options);
  if (!transport) {
    std::cerr << "error: " << transport.error().message << "\n";
    return 1;
  }
  if (rest[0] == "send" && rest.size() > 1)
    return send(**transport, rest);
  if (rest[0] == "unreachable" || rest[0] == "silent")
    return blackhole(**transport, rest[0] == "unreachable");
  std::cerr << "error: unknown command " << rest[0] << "\n";
  return 1;
}
