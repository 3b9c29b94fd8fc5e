#pragma once

#include <string>

#include "engine/plan/prior_state.hpp"

namespace rosterform::state {

// The engine's ValueHasher, bound to one state's HMAC key.
class HmacHasher final : public engine::ValueHasher {
 public:
  explicit HmacHasher(std::string key_hex) : m_key(std::move(key_hex)) {}
  [[nodiscard]] std::string hex_digest(std::string_view value) const override;

 private:
  std::string m_key;
};

}  // namespace rosterform::state
