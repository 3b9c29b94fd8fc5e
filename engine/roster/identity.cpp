#include "engine/roster/identity.hpp"

#include <algorithm>
#include <cctype>

#include "engine/roster/field_check.hpp"

namespace rosterform::engine::roster {

std::string staff_key(std::string_view email) {
  return lower_ascii(trim(email));
}

std::string client_key(std::string_view key, std::string_view record_identifier,
                       std::string_view email, std::string_view first_name,
                       std::string_view last_name) {
  if (!key.empty()) {
    return std::string(key);
  }
  if (!record_identifier.empty()) {
    return "rid:" + std::string(record_identifier);
  }
  if (email.empty() || first_name.empty() || last_name.empty()) {
    return {};
  }
  std::string out = "email:";
  out += lower_ascii(trim(email));
  out += '/';
  out += lower_ascii(trim(first_name));
  out += '/';
  out += lower_ascii(trim(last_name));
  return out;
}

bool is_valid_key(std::string_view text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace rosterform::engine::roster
