#include "engine/roster/setting_values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "engine/roster/include_glob.hpp"

namespace rosterform::engine::roster {

bool is_env_name(std::string_view s) {
  return !s.empty() && (std::isalpha(static_cast<unsigned char>(s[0])) != 0 || s[0] == '_') &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
         });
}

bool looks_like_key(std::string_view s) {
  const auto any = [&](auto pred) {
    return std::any_of(s.begin(), s.end(),
                       [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
  };
  const bool spaced =
      any([](unsigned char c) { return std::isspace(c) != 0 || c < 0x20 || c >= 0x7f; });
  const bool mixed = any(::islower) && any(::isupper) && any(::isdigit);
  return s.starts_with("gh_") || spaced || s.size() > 64 || (s.size() >= 20 && mixed);
}

bool is_url(std::string_view s) {
  return (s.starts_with("https://") || s.starts_with("http://")) &&
         s.find(' ') == std::string_view::npos && s.size() > 8;
}

bool is_version_date(std::string_view s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(c) != 0 || c == '-'; });
}

std::optional<double> parse_decimal(std::string_view s) {
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  const auto digits = [](std::string_view d) {
    return !d.empty() && d.size() <= 12 &&
           std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(whole) || (dot != std::string_view::npos && !digits(fraction))) {
    return std::nullopt;
  }
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::optional<std::string_view> state_path_problem(const std::filesystem::path& root,
                                                   std::string_view path) {
  const std::filesystem::path p(path);
  if (p.is_absolute() || !is_contained_pattern(path)) {
    return "must be a path inside the workspace folder: relative, without '..'";
  }
  std::error_code ec;
  const auto real_root = std::filesystem::weakly_canonical(std::filesystem::absolute(root, ec), ec);
  const auto real = std::filesystem::weakly_canonical(real_root / p, ec);
  if (ec || !is_within(real_root, real) || real == real_root) {
    return "leads outside the workspace folder through a symlink";
  }
  return std::nullopt;
}

}  // namespace rosterform::engine::roster
