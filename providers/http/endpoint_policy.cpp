#include "providers/http/endpoint_policy.hpp"

#include <string>

#include <curl/curl.h>

namespace rosterform::http {

namespace {

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "[::1]" || host == "::1")
    return true;
  // 127.0.0.0/8, written as a dotted quad.
  if (!host.starts_with("127."))
    return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.')
      ++dots;
    else if (c < '0' || c > '9')
      return false;
  }
  return dots == 3;
}

// The scheme and host as libcurl itself will read them, so that no trick of
// spelling makes us see one host and libcurl connect to another.
struct UrlParts {
  std::string scheme;
  std::string host;
};

engine::Result<UrlParts> split(std::string_view url) {
  CURLU* handle = curl_url();
  std::string text(url);
  UrlParts parts;
  bool ok = curl_url_set(handle, CURLUPART_URL, text.c_str(), 0) == CURLUE_OK;
  char* scheme = nullptr;
  char* host = nullptr;
  ok = ok && curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
       curl_url_get(handle, CURLUPART_HOST, &host, 0) == CURLUE_OK;
  if (ok) {
    parts.scheme = scheme;
    parts.host = host;
  }
  curl_free(scheme);
  curl_free(host);
  curl_url_cleanup(handle);
  if (!ok)
    return engine::fail("invalid endpoint URL '" + text + "': expected https://host/graphql");
  return parts;
}

}  // namespace

engine::Status check_endpoint(std::string_view url) {
  auto parts = split(url);
  if (!parts)
    return tl::unexpected(parts.error());
  if (parts->scheme == "https")
    return {};
  if (parts->scheme == "http") {
    if (is_loopback_host(parts->host))
      return {};
    return engine::fail("refusing to send the API key over plain http to '" + parts->host +
                        "': use https:// (plain http is allowed only to localhost)");
  }
  return engine::fail("unsupported URL scheme '" + parts->scheme + "' in endpoint '" +
                      std::string(url) + "': use https://");
}

}  // namespace rosterform::http
