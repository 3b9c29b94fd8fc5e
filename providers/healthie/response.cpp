#include "providers/healthie/response.hpp"

#include "providers/healthie/json_document.hpp"
#include "providers/healthie/server_text.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

constexpr std::string_view k_invalid_key = "API Key is Invalid";
constexpr std::string_view k_too_many = "TOO_MANY_REQUESTS";

Classified with(ResponseKind kind, std::string detail, const http::Response& r) {
  Classified c;
  c.kind = kind;
  c.detail = std::move(detail);
  c.http_status = r.status;
  c.failure = r.failure;
  return c;
}

void read_warnings(element root, Classified& c, std::string_view secret) {
  element warnings;
  if (root["extensions"]["warnings"].get(warnings) != simdjson::SUCCESS || !warnings.is_array())
    return;
  for (element w : warnings.get_array()) {
    ApiWarning warning;
    warning.code = server_code(string_member(w, "code").value_or(""));
    warning.message = server_text(string_member(w, "message").value_or(""), secret,
                                  is_version_code(warning.code));
    warning.sunset_date = server_date(string_member(w, "sunset_date").value_or(""));
    c.warnings.push_back(std::move(warning));
  }
}

// Top-level `errors`: throttling wins over everything (the request may be
// repeated), then a bad key, then the first error's text and code.
bool read_errors(element root, Classified& c, std::string_view secret) {
  element errors;
  if (root["errors"].get(errors) != simdjson::SUCCESS || !errors.is_array())
    return false;
  simdjson::dom::array list = errors.get_array();
  if (list.size() == 0)
    return false;
  c.kind = ResponseKind::graphql_errors;
  bool first = true;
  for (element e : list) {
    std::string message = string_member(e, "message").value_or("(no message)");
    std::string code;
    element ext;
    if (e["extensions"].get(ext) == simdjson::SUCCESS)
      code = string_member(ext, "code").value_or("");
    if (code.empty())
      code = string_member(e, "code").value_or("");
    if (code == k_too_many)
      c.kind = ResponseKind::throttled;
    if (message.find(k_invalid_key) != std::string::npos && c.kind != ResponseKind::throttled)
      c.kind = ResponseKind::auth_failure;
    if (first) {
      c.code = server_code(code);
      c.detail = server_text(message, secret, is_version_code(c.code));
      first = false;
    }
  }
  if (c.kind == ResponseKind::throttled)
    c.code = std::string(k_too_many);
  return true;
}

void read_messages(element payload, Classified& c, std::string_view secret) {
  element messages;
  if (payload.type() != simdjson::dom::element_type::OBJECT)
    return;
  if (payload["messages"].get(messages) != simdjson::SUCCESS || !messages.is_array())
    return;
  for (element m : messages.get_array()) {
    std::string text = string_member(m, "message").value_or("(no message)");
    c.messages.push_back({server_text(string_member(m, "field").value_or(""), secret),
                          server_text(text, secret)});
  }
  if (!c.messages.empty())
    c.kind = ResponseKind::validation;
}

Classified classify_status(const http::Response& r) {
  if (r.failure == http::TransportFailure::untrusted) {
    return with(ResponseKind::transport_error, r.failure_text, r);  // says it all
  }
  if (r.failure != http::TransportFailure::none) {
    return with(ResponseKind::transport_error,
                std::string(http::to_string(r.failure)) + ": " + r.failure_text, r);
  }
  if (r.status == 429)
    return with(ResponseKind::throttled, "HTTP 429 Too Many Requests", r);
  if (r.status == 401 || r.status == 403)
    return with(ResponseKind::auth_failure, "HTTP " + std::to_string(r.status), r);
  if (r.status >= 500)
    return with(ResponseKind::server_error, "HTTP " + std::to_string(r.status), r);
  return with(ResponseKind::ok, "", r);
}

}  // namespace

Classified classify(const http::Response& response, std::string_view root_field,
                    std::string_view secret) {
  Classified c = classify_status(response);
  if (c.kind != ResponseKind::ok)
    return c;
  auto doc = std::make_shared<JsonDocument>();
  if (doc->parser.parse(response.body.data(), response.body.size()).get(doc->root) !=
          simdjson::SUCCESS ||
      !doc->root.is_object()) {
    // A 200 that is not JSON is a broken answer; a 4xx that is not JSON is
    // a proxy or gateway talking, not Healthie.
    if (response.status == 200)
      return with(ResponseKind::malformed, "the response body is not valid JSON", response);
    return with(ResponseKind::server_error, "HTTP " + std::to_string(response.status), response);
  }
  read_warnings(doc->root, c, secret);
  if (read_errors(doc->root, c, secret)) {
    // GraphQL leaves `data` out only for errors before execution (a bad
    // document or variables); with it, the mutation ran, whatever it says.
    element data;
    if (c.kind == ResponseKind::graphql_errors && !root_field.empty() &&
        doc->root["data"].get(data) == simdjson::SUCCESS)
      c.kind = ResponseKind::execution_errors;
    return c;
  }
  if (response.status != 200) {
    c.kind = ResponseKind::server_error;
    c.detail = "HTTP " + std::to_string(response.status);
    return c;
  }
  element data;
  if (doc->root["data"].get(data) != simdjson::SUCCESS || !data.is_object()) {
    c.kind = ResponseKind::malformed;
    c.detail = "the response has neither data nor errors";
    return c;
  }
  element payload;
  if (!root_field.empty() && data[root_field].get(payload) == simdjson::SUCCESS)
    read_messages(payload, c, secret);
  c.json = std::move(doc);
  return c;
}

bool outcome_unknown(const Classified& c) {
  switch (c.kind) {
    case ResponseKind::transport_error:
      // A refused certificate ends the handshake before the request leaves.
      return c.failure != http::TransportFailure::not_sent &&
             c.failure != http::TransportFailure::untrusted;
    case ResponseKind::server_error:
    case ResponseKind::malformed:
    case ResponseKind::execution_errors:
      return true;
    default:
      return false;
  }
}

std::string_view to_string(ResponseKind kind) {
  switch (kind) {
    case ResponseKind::ok:
      return "ok";
    case ResponseKind::validation:
      return "validation";
    case ResponseKind::graphql_errors:
      return "graphql errors";
    case ResponseKind::execution_errors:
      return "errors from a mutation that ran";
    case ResponseKind::auth_failure:
      return "auth failure";
    case ResponseKind::throttled:
      return "throttled";
    case ResponseKind::server_error:
      return "server error";
    case ResponseKind::transport_error:
      return "transport error";
    case ResponseKind::malformed:
      return "malformed response";
  }
  return "unknown";
}

bool data_field(const JsonDocument& doc, std::string_view name, element& out) {
  return doc.root["data"][name].get(out) == simdjson::SUCCESS;
}

std::optional<std::string> string_member(element object, std::string_view name) {
  std::string_view value;
  if (!object.is_object() || object[name].get(value) != simdjson::SUCCESS)
    return std::nullopt;
  return std::string(value);
}

std::optional<std::string> id_member(element object, std::string_view name) {
  if (auto s = string_member(object, name))
    return s;
  int64_t n = 0;
  if (object.is_object() && object[name].get(n) == simdjson::SUCCESS)
    return std::to_string(n);
  return std::nullopt;
}

std::optional<bool> bool_member(element object, std::string_view name) {
  bool value = false;
  if (!object.is_object() || object[name].get(value) != simdjson::SUCCESS)
    return std::nullopt;
  return value;
}

std::optional<long long> int_member(element object, std::string_view name) {
  int64_t value = 0;
  if (!object.is_object() || object[name].get(value) != simdjson::SUCCESS)
    return std::nullopt;
  return static_cast<long long>(value);
}

}  // namespace rosterform::healthie
