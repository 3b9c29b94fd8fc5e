#include "state/hmac_hasher.hpp"

#include "state/crypto.hpp"

namespace rosterform::state {

std::string HmacHasher::hex_digest(std::string_view value) const {
  return hmac_sha256_hex(m_key, value);
}

}  // namespace rosterform::state
