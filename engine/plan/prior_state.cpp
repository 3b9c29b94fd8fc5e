#include "engine/plan/prior_state.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "engine/hex.hpp"

namespace rosterform::engine {

const FieldDigest* ManagedRecord::find(FieldId field) const {
  auto it = std::lower_bound(applied.begin(), applied.end(), field,
                             [](const AppliedField& a, FieldId f) { return a.field < f; });
  if (it != applied.end() && it->field == field) {
    return &it->digest;
  }
  return nullptr;
}

std::string ValueHasher::hidden_key(std::string_view key) const {
  std::string message = "key:";
  message += key;
  return "h:" + hex_digest(message).substr(0, 32);
}

std::optional<FieldDigest> parse_field_digest(std::string_view hex) {
  FieldDigest out{};
  if (hex.size() < out.size() * 2) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = hex_digit_value(hex[2 * i]);
    int lo = hex_digit_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return out;
}

bool digest_matches(const ValueHasher& hasher, const FieldDigest& applied, std::string_view value) {
  std::optional<FieldDigest> now = parse_field_digest(hasher.hex_digest(value));
  return now && *now == applied;
}

std::string fingerprint_message(const Record& fields) {
  std::string out;
  for (const auto& [id, value] : fields.fields()) {
    out += fmt::format("{}={}\n", id, value);
  }
  return out;
}

}  // namespace rosterform::engine
