#include "providers/healthie/call_errors.hpp"

namespace rosterform::healthie {

std::string call_failure(std::string_view what, const Classified& c) {
  std::string out(what);
  switch (c.kind) {
    case ResponseKind::auth_failure:
      return std::string(k_auth_failed);
    case ResponseKind::throttled:
      return out +
             ": Healthie kept answering TOO_MANY_REQUESTS after every retry; try again "
             "later, or lower -parallelism or max_requests_per_second";
    case ResponseKind::graphql_errors:
    case ResponseKind::execution_errors:
      return out + ": Healthie returned an error" + (c.code.empty() ? "" : " [" + c.code + "]") +
             ": " + c.detail;
    case ResponseKind::validation: {
      out += ": Healthie rejected it:";
      for (const FieldMessage& m : c.messages)
        out += " " + (m.field.empty() ? std::string("base") : m.field) + ": " + m.message + ";";
      out.pop_back();
      return out;
    }
    case ResponseKind::transport_error:
      if (c.failure == http::TransportFailure::untrusted) {
        return out + ": " + c.detail +
               "; not retried: check the endpoint's certificate, and any proxy that intercepts TLS";
      }
      [[fallthrough]];
    case ResponseKind::server_error:
    case ResponseKind::malformed:
      return out + ": " + std::string(to_string(c.kind)) + " (" + c.detail + ") after every retry";
    case ResponseKind::ok:
      return out + ": unexpected response shape";
  }
  return out;
}

std::string unknown_reason(const Classified& c) {
  if (c.kind == ResponseKind::execution_errors) {
    return "Healthie answered with no record and an error" +
           (c.code.empty() ? std::string() : " [" + c.code + "]") + ": " + c.detail;
  }
  return c.detail;
}

}  // namespace rosterform::healthie
