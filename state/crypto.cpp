#include "state/crypto.hpp"

#include <array>
#include <stdexcept>
#include <vector>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "engine/hex.hpp"

namespace rosterform::state {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = k_digits[data[i] >> 4U];
    out[2 * i + 1] = k_digits[data[i] & 0xFU];
  }
  return out;
}

std::vector<unsigned char> from_hex(std::string_view hex) {
  std::vector<unsigned char> out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    int hi = engine::hex_digit_value(hex[i]);
    int lo = engine::hex_digit_value(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      // Keys come from our own state file, validated on load: a bad one here
      // is a bug, not a user error.
      throw std::logic_error("from_hex: not a hex string");
    }
    out.push_back(static_cast<unsigned char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");
  }
  return to_hex(buffer.data(), buffer.size());
}

std::string hmac_sha256_hex(std::string_view key_hex, std::string_view message) {
  std::vector<unsigned char> key = from_hex(key_hex);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
       &length);
  return to_hex(digest.data(), length);
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return to_hex(digest.data(), digest.size());
}

}  // namespace rosterform::state
