#include "providers/http/redact.hpp"

namespace rosterform::http {

std::string redact(std::string_view text, std::string_view secret) {
  std::string out;
  if (secret.empty()) {
    out.assign(text);
    return out;
  }
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    std::size_t hit = text.find(secret, pos);
    if (hit == std::string_view::npos) {
      out.append(text.substr(pos));
      return out;
    }
    out.append(text.substr(pos, hit - pos));
    out.append("[REDACTED]");
    pos = hit + secret.size();
  }
}

}  // namespace rosterform::http
