#include "providers/http/transport.hpp"

namespace rosterform::http {

std::string_view to_string(TransportFailure failure) {
  switch (failure) {
    case TransportFailure::none:
      return "none";
    case TransportFailure::not_sent:
      return "could not connect";
    case TransportFailure::timeout:
      return "timed out";
    case TransportFailure::connection_lost:
      return "connection lost";
    case TransportFailure::tls:
      return "TLS failure";
    case TransportFailure::untrusted:
      return "TLS certificate not accepted";
    case TransportFailure::other:
      return "transport error";
  }
  return "transport error";
}

}  // namespace rosterform::http
