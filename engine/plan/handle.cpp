#include "engine/plan/handle.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "engine/plan/matching.hpp"

namespace rosterform::engine {

namespace {

// A key that may be shown: present and not derived from PHI.
bool key_shown(const Address& a) {
  return !a.key.empty() && !a.key_is_phi && !is_derived_client_key(a.kind, a.key);
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::uint32_t> parse_line(std::string_view s) {
  std::uint32_t n = 0;
  if (!all_digits(s) || std::from_chars(s.data(), s.data() + s.size(), n).ec != std::errc() ||
      n == 0) {
    return std::nullopt;
  }
  return n;
}

// "<file>:<line>" or "<file>:<line>:<col>", the file holding no ':'.
std::optional<Handle> parse_location(std::string_view text) {
  std::size_t first = text.find(':');
  if (first == 0 || first == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(first + 1);
  std::size_t second = rest.find(':');
  std::optional<std::uint32_t> line = parse_line(rest.substr(0, second));
  if (!line || (second != std::string_view::npos && !parse_line(rest.substr(second + 1)))) {
    return std::nullopt;
  }
  return Handle{Handle::Form::location, std::nullopt, std::string(text.substr(0, first)), *line};
}

std::optional<Kind> kind_prefix(std::string_view& text) {
  for (Kind kind : {Kind::staff, Kind::client}) {
    std::string prefix = fmt::format("{}.", to_string(kind));
    if (text.starts_with(prefix)) {
      text.remove_prefix(prefix.size());
      return kind;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string id_handle(Kind kind, std::string_view user_id) {
  return user_id.empty() ? std::string() : fmt::format("{}.id:{}", to_string(kind), user_id);
}

std::string location_handle(const SourceLocation& location) {
  if (!location.known()) {
    return {};
  }
  return location.line == 0 ? location.file : fmt::format("{}:{}", location.file, location.line);
}

std::string label(const Address& a) {
  if (key_shown(a)) {
    return a.to_string();
  }
  if (!a.user_id.empty()) {
    return id_handle(a.kind, a.user_id);
  }
  if (a.location.known()) {
    return fmt::format("{} at {}", to_string(a.kind), location_handle(a.location));
  }
  return fmt::format("{} entry", to_string(a.kind));
}

std::string state_entry_handle(Kind kind, std::string_view key, std::string_view user_id) {
  if (is_derived_client_key(kind, key) && !user_id.empty()) {
    return id_handle(kind, user_id);
  }
  return message_address(kind, key);
}

std::vector<std::string> handles(const Address& a) {
  std::vector<std::string> out;
  if (key_shown(a)) {
    out.push_back(a.to_string());
  }
  if (!a.user_id.empty()) {
    out.push_back(id_handle(a.kind, a.user_id));
  }
  if (a.location.known()) {
    out.push_back(location_handle(a.location));
  }
  return out;
}

std::vector<std::string> other_handles(const Address& a, std::string_view shown) {
  std::vector<std::string> out = handles(a);
  std::erase_if(out, [&](const std::string& h) { return shown == h || shown.ends_with(" " + h); });
  return out;
}

std::vector<std::string> other_handles(const Address& a) {
  return other_handles(a, label(a));
}

Handle parse_handle(std::string_view text) {
  std::string_view rest = text;
  std::optional<Kind> kind = kind_prefix(rest);
  if (rest.starts_with("id:") && all_digits(rest.substr(3))) {
    return {Handle::Form::user_id, kind, std::string(rest.substr(3)), 0};
  }
  if (!kind) {
    if (auto location = parse_location(text)) {
      return *location;
    }
  }
  return {Handle::Form::key, kind, std::string(rest), 0};
}

std::string echo_handle(std::string_view typed) {
  Handle h = parse_handle(typed);
  bool phi = h.form == Handle::Form::key && h.kind != Kind::staff &&
             is_derived_client_key(Kind::client, h.value);
  return phi ? std::string("(a key derived from a client's details, not shown)")
             : std::string(typed);
}

bool names(const Handle& h, const Address& a) {
  if (h.kind && *h.kind != a.kind) {
    return false;
  }
  switch (h.form) {
    case Handle::Form::key:
      return !a.key.empty() && h.value == a.key;
    case Handle::Form::user_id:
      return !a.user_id.empty() && h.value == a.user_id;
    case Handle::Form::location:
      return a.location.known() && a.location.file == h.value && a.location.line == h.line;
  }
  return false;
}

}  // namespace rosterform::engine
