#include "state/crypto.hpp"

#include <array>
#include <memory>
#include <stdexcept>
#include <vector>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
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

std::string random_bytes(std::size_t bytes) {
  std::string buffer(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buffer.data()), static_cast<int>(bytes)) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");
  }
  return buffer;
}

std::string hex_of(std::string_view bytes) {
  return to_hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

constexpr int k_gcm_tag_bytes = 16;

// Failures of these calls on valid sizes are OpenSSL faults, not user
// errors: they throw.
void require(bool ok, const char* what) {
  if (!ok) {
    throw std::runtime_error(std::string("OpenSSL failed: ") + what);
  }
}

CipherCtx gcm_context(std::string_view key, std::string_view nonce, bool encrypt) {
  require(key.size() == 32 && nonce.size() == 12, "AES-256-GCM key or nonce size");
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  require(ctx != nullptr, "EVP_CIPHER_CTX_new");
  require(EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr,
                            encrypt ? 1 : 0) == 1,
          "EVP_CipherInit_ex");
  require(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                              nullptr) == 1,
          "EVP_CTRL_GCM_SET_IVLEN");
  require(EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, bytes_of(key), bytes_of(nonce),
                            encrypt ? 1 : 0) == 1,
          "EVP_CipherInit_ex key");
  return ctx;
}

// Runs `input` through the context after the associated data; the output
// is as long as the input (GCM is a stream mode).
std::string gcm_update(EVP_CIPHER_CTX* ctx, std::string_view aad, std::string_view input) {
  int length = 0;
  require(EVP_CipherUpdate(ctx, nullptr, &length, bytes_of(aad), static_cast<int>(aad.size())) == 1,
          "EVP_CipherUpdate aad");
  std::string output(input.size(), '\0');
  length = 0;
  require(EVP_CipherUpdate(ctx, reinterpret_cast<unsigned char*>(output.data()), &length,
                           bytes_of(input), static_cast<int>(input.size())) == 1,
          "EVP_CipherUpdate");
  output.resize(static_cast<std::size_t>(length));
  return output;
}

}  // namespace

std::string hkdf_sha256(std::string_view secret, std::string_view salt, std::string_view info,
                        std::size_t length) {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
  require(ctx != nullptr, "EVP_PKEY_CTX_new_id(HKDF)");
  require(EVP_PKEY_derive_init(ctx.get()) == 1 &&
              EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) == 1 &&
              EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), bytes_of(salt),
                                          static_cast<int>(salt.size())) == 1 &&
              EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), bytes_of(secret),
                                         static_cast<int>(secret.size())) == 1 &&
              EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), bytes_of(info),
                                          static_cast<int>(info.size())) == 1,
          "HKDF setup");
  std::string out(length, '\0');
  std::size_t out_length = length;
  require(EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &out_length) ==
                  1 &&
              out_length == length,
          "HKDF derive");
  return out;
}

Sealed seal_aes_256_gcm(std::string_view key, std::string_view nonce, std::string_view aad,
                        std::string_view plaintext) {
  CipherCtx ctx = gcm_context(key, nonce, true);
  Sealed out;
  out.ciphertext = gcm_update(ctx.get(), aad, plaintext);
  int length = 0;
  unsigned char tail[16];
  require(EVP_EncryptFinal_ex(ctx.get(), tail, &length) == 1 && length == 0, "EVP_EncryptFinal_ex");
  out.tag.assign(k_gcm_tag_bytes, '\0');
  require(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, k_gcm_tag_bytes,
                              out.tag.data()) == 1,
          "EVP_CTRL_GCM_GET_TAG");
  return out;
}

bool open_aes_256_gcm(std::string_view key, std::string_view nonce, std::string_view aad,
                      const Sealed& sealed, std::string& plaintext) {
  if (sealed.tag.size() != static_cast<std::size_t>(k_gcm_tag_bytes)) {
    return false;
  }
  CipherCtx ctx = gcm_context(key, nonce, false);
  std::string out = gcm_update(ctx.get(), aad, sealed.ciphertext);
  std::string tag = sealed.tag;
  require(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, k_gcm_tag_bytes, tag.data()) == 1,
          "EVP_CTRL_GCM_SET_TAG");
  int length = 0;
  unsigned char tail[16];
  if (EVP_DecryptFinal_ex(ctx.get(), tail, &length) != 1) {
    return false;  // the tag does not verify: nothing of `out` may be used
  }
  plaintext = std::move(out);
  return true;
}

}  // namespace rosterform::state
