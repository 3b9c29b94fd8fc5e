#include "providers/http/curl_transport.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>

#include <curl/curl.h>

#include "providers/http/endpoint_policy.hpp"
#include "providers/http/redact.hpp"

namespace rosterform::http {

struct CurlTransport::Transfer {
  std::uint64_t id = 0;
  Request request;
  Response response;
  curl_slist* headers = nullptr;
  char error[CURL_ERROR_SIZE] = {};
};

namespace {

CURLM* multi_of(void* p) {
  return static_cast<CURLM*>(p);
}
CURL* easy_of(void* p) {
  return static_cast<CURL*>(p);
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<std::string*>(user);
  transfer->append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<std::vector<Header>*>(user);
  std::string_view line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.remove_suffix(1);
    headers->push_back({std::move(name), std::string(value)});
  }
  return size * count;
}

TransportFailure classify(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return TransportFailure::none;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return TransportFailure::not_sent;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportFailure::timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
      return TransportFailure::tls;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return TransportFailure::untrusted;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportFailure::connection_lost;
    default:
      return TransportFailure::other;
  }
}

long to_ms(std::chrono::milliseconds d) {
  return static_cast<long>(d.count());
}

void configure(CURL* easy, const TransportOptions& options) {
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_POST, 1L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, to_ms(options.connect_timeout));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, to_ms(options.total_timeout));
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty())
    curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());
  // h2 over TLS when the server offers it; plain http (loopback) stays 1.1.
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // No PIPEWAIT: over plain HTTP/1.1 it would hold new transfers back until
  // an existing connection proves it cannot multiplex, serialising a burst.
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  // Never follow a redirect: it would carry the Authorization header elsewhere.
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
}

// A timeout before libcurl began to send the request (connect, TLS
// handshake) left the server with nothing: a mutation may be repeated. Any
// later timeout leaves the outcome unknown.
TransportFailure timeout_kind(CURL* easy) {
  curl_off_t pretransfer = 0;
  long request_bytes = 0;
  curl_easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
  curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_bytes);
  return pretransfer == 0 && request_bytes == 0 ? TransportFailure::not_sent
                                                : TransportFailure::timeout;
}

// libcurl's words, with a hint for a certificate it refused, and without
// the key: the Authorization value is redacted whatever libcurl wrote.
std::string failure_text(CURLcode code, const char* buffer, const Request& request) {
  std::string text = buffer[0] != '\0' ? buffer : curl_easy_strerror(code);
  if (code == CURLE_PEER_FAILED_VERIFICATION)
    text = "the server's TLS certificate was not accepted (" + text + ")";
  for (const Header& h : request.headers) {
    if (h.name.size() != 13 || curl_strnequal(h.name.c_str(), "Authorization", 13) == 0)
      continue;
    text = redact(text, h.value);
    auto space = h.value.find(' ');
    if (space != std::string::npos)
      text = redact(text, std::string_view(h.value).substr(space + 1));
  }
  return text;
}

std::once_flag g_global_init;

}  // namespace

engine::Result<std::unique_ptr<CurlTransport>> CurlTransport::create(TransportOptions options) {
  CURLcode init = CURLE_OK;
  std::call_once(g_global_init, [&] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK)
    return engine::fail("cannot initialise libcurl");
  CURLM* multi = curl_multi_init();
  if (multi == nullptr)
    return engine::fail("cannot initialise libcurl");
  curl_multi_setopt(multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
  // Keep every connection we opened, so a burst does not reconnect.
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, options.max_host_connections * 2);
  return std::unique_ptr<CurlTransport>(new CurlTransport(options, multi));
}

CurlTransport::CurlTransport(TransportOptions options, void* multi)
    : m_options(options), m_multi(multi) {}

CurlTransport::~CurlTransport() {
  for (auto& [easy, transfer] : m_active) {
    curl_multi_remove_handle(multi_of(m_multi), easy_of(easy));
    curl_slist_free_all(transfer->headers);
    curl_easy_cleanup(easy_of(easy));
  }
  for (void* easy : m_idle)
    curl_easy_cleanup(easy_of(easy));
  curl_multi_cleanup(multi_of(m_multi));
}

void CurlTransport::refuse(std::uint64_t id, std::string why) {
  Response response;
  response.failure = TransportFailure::not_sent;
  response.failure_text = std::move(why);
  m_refused.push_back({id, std::move(response)});
}

void CurlTransport::submit(std::uint64_t id, Request request) {
  if (auto allowed = check_endpoint(request.url); !allowed)
    return refuse(id, allowed.error().message);
  void* handle = nullptr;
  if (m_idle.empty()) {
    handle = curl_easy_init();
  } else {
    handle = m_idle.back();
    m_idle.pop_back();
  }
  CURL* easy = easy_of(handle);
  // Reset clears per-request options but keeps the handle's DNS and
  // connection caches, so keep-alive works across requests.
  curl_easy_reset(easy);
  configure(easy, m_options);
  auto transfer = std::make_unique<Transfer>();
  transfer->id = id;
  transfer->request = std::move(request);
  for (const Header& h : transfer->request.headers) {
    std::string line = h.name + ": " + h.value;
    transfer->headers = curl_slist_append(transfer->headers, line.c_str());
  }
  if (!transfer->request.idempotent)
    curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt(easy, CURLOPT_URL, transfer->request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, transfer->request.body.data());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(transfer->request.body.size()));
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer->response.body);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer->response.headers);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error);
  m_active.emplace(handle, std::move(transfer));
  curl_multi_add_handle(multi_of(m_multi), easy);
}

std::vector<Completion> CurlTransport::collect() {
  std::vector<Completion> done;
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_of(m_multi), &queued)) {
    if (msg->msg != CURLMSG_DONE)
      continue;
    CURL* easy = msg->easy_handle;
    auto it = m_active.find(easy);
    if (it == m_active.end())
      continue;
    std::unique_ptr<Transfer> transfer = std::move(it->second);
    m_active.erase(it);
    Response& response = transfer->response;
    response.failure = classify(msg->data.result);
    if (response.failure == TransportFailure::timeout)
      response.failure = timeout_kind(easy);
    if (response.failure == TransportFailure::none) {
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
    } else {
      response.status = 0;
      response.failure_text = failure_text(msg->data.result, transfer->error, transfer->request);
    }
    curl_multi_remove_handle(multi_of(m_multi), easy);
    curl_slist_free_all(transfer->headers);
    m_idle.push_back(easy);
    done.push_back({transfer->id, std::move(response)});
  }
  return done;
}

std::vector<Completion> CurlTransport::wait(std::chrono::milliseconds max_wait) {
  if (!m_refused.empty()) {
    std::vector<Completion> done = std::move(m_refused);
    m_refused.clear();
    return done;
  }
  auto deadline = std::chrono::steady_clock::now() + max_wait;
  while (true) {
    int running = 0;
    curl_multi_perform(multi_of(m_multi), &running);
    std::vector<Completion> done = collect();
    if (!done.empty() || m_active.empty())
      return done;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return done;
    curl_multi_poll(multi_of(m_multi), nullptr, 0,
                    static_cast<int>(std::min<long long>(left.count(), 1000)), nullptr);
  }
}

}  // namespace rosterform::http
