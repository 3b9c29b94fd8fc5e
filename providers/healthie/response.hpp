#pragma once
// What a Healthie answer means, decided once, here, for every request.
//
// Healthie reports most failures inside an HTTP 200: validation problems as
// `messages` in the mutation payload, rate limiting and version problems as
// GraphQL `errors` with an `extensions.code`, a bad key as the error text
// "API Key is Invalid" (api-facts §2, §3). The callers act on `kind` only.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "providers/http/transport.hpp"

namespace rosterform::healthie {

enum class ResponseKind : std::uint8_t {
  ok,
  validation,      // non-empty `messages` in the mutation payload
  graphql_errors,  // top-level `errors` (code kept)
  // A mutation answered with top-level `errors` *and* a `data` member (its
  // payload null, as in {"data":{"createClient":null},"errors":[…]}): the
  // server began executing it, so it may have committed. Never resent;
  // settled by look-up like a lost answer.
  execution_errors,
  auth_failure,     // "API Key is Invalid", HTTP 401/403
  throttled,        // TOO_MANY_REQUESTS or HTTP 429
  server_error,     // HTTP 5xx or an unexpected status
  transport_error,  // no HTTP answer at all
  malformed,        // an answer that is not the JSON it should be (e.g. truncated)
};

[[nodiscard]] std::string_view to_string(ResponseKind kind);

struct FieldMessage {
  std::string field;  // may be empty (Healthie sends null or "base")
  std::string message;
};

// extensions.warnings[], e.g. API_VERSION_SUNSET_WARNING with its date.
struct ApiWarning {
  std::string code;
  std::string message;
  std::string sunset_date;
};

class JsonDocument;  // simdjson, private to the library (json_document.hpp)

struct Classified {
  ResponseKind kind = ResponseKind::malformed;
  std::string detail;  // one line for an error message; never the key, never echoed input
  std::string code;    // extensions.code of the first GraphQL error
  long http_status = 0;
  http::TransportFailure failure = http::TransportFailure::none;
  std::vector<FieldMessage> messages;
  std::vector<ApiWarning> warnings;
  std::shared_ptr<const JsonDocument> json;  // set for ok and validation
};

// `root_field` names a mutation's payload field, whose `messages` decide
// between ok and validation; empty for queries. Every text taken from the
// answer (detail, messages, warnings) goes through server_text() with
// `secret`, the key the request carried (server_text.hpp).
[[nodiscard]] Classified classify(const http::Response& response, std::string_view root_field,
                                  std::string_view secret = {});

// Whether a mutation in this state may have been applied by Healthie.
[[nodiscard]] bool outcome_unknown(const Classified& c);

}  // namespace rosterform::healthie
