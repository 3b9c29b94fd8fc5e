#include "providers/healthie/api_key.hpp"

#include <cctype>

namespace rosterform::healthie {

namespace {

bool starts_with_word(std::string_view key, std::string_view word) {
  if (key.size() <= word.size())
    return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(key[i])) != word[i])
      return false;
  }
  return key[word.size()] == ' ' || key[word.size()] == '\t';
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_control(char c) {
  auto b = static_cast<unsigned char>(c);
  return (b < 0x20 && !is_space(c)) || b == 0x7F;
}

}  // namespace

std::optional<std::string> api_key_problem(std::string_view key) {
  if (starts_with_word(key, "basic"))
    return "it starts with \"Basic \"; set the variable to the key alone (rosterform sends "
           "Authorization: Basic <key> itself)";
  if (starts_with_word(key, "bearer"))
    return "it starts with \"Bearer \"; set the variable to the key alone (Healthie takes "
           "Authorization: Basic <key>, which rosterform sends itself)";
  for (char c : key) {
    if (is_control(c))
      return std::string("it contains a control character; copy the key again from Healthie");
    if (static_cast<unsigned char>(c) >= 0x80)
      return std::string(
          "it contains a character that is not ASCII; copy the key again from Healthie");
  }
  if (is_space(key.front()) || is_space(key.back()))
    return std::string("it has whitespace at its start or end (a pasted newline?); remove it");
  for (char c : key) {
    if (is_space(c))
      return std::string(
          "it contains whitespace; a Healthie key is one word, copy it again from Healthie");
  }
  return std::nullopt;
}

}  // namespace rosterform::healthie
