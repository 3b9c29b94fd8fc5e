#include "engine/roster/field_check.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "engine/roster/suggest.hpp"

namespace rosterform::engine::roster {

namespace {

constexpr std::size_t k_max_string = 255;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::optional<FieldProblem> problem(std::string phrase) {
  return FieldProblem{std::move(phrase), std::nullopt};
}

std::optional<FieldProblem> check_string(std::string_view text) {
  if (text.empty()) {
    return problem("is empty: give a value, or remove the line to leave the field unmanaged");
  }
  if (text.size() > k_max_string) {
    return problem(fmt::format("is longer than {} characters", k_max_string));
  }
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return problem("contains a line break or a control character");
  }
  return std::nullopt;
}

int parse_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::optional<FieldProblem> check_date(std::string_view text, const CheckContext& ctx) {
  const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                     std::all_of(text.begin(), text.begin() + 4, is_digit) && is_digit(text[5]) &&
                     is_digit(text[6]) && is_digit(text[8]) && is_digit(text[9]);
  if (!shape) {
    return problem("must be a date written YYYY-MM-DD");
  }
  const std::chrono::year_month_day ymd{
      std::chrono::year{parse_int(text.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(parse_int(text.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(parse_int(text.substr(8, 2)))}};
  if (!ymd.ok()) {
    return problem("is not a real calendar date");
  }
  if (ymd.year() < std::chrono::year{1900}) {
    return problem("is before 1900: check the year");
  }
  if (std::chrono::sys_days{ymd} >= ctx.today) {
    return problem("is not in the past: a date of birth must be before today");
  }
  return std::nullopt;
}

std::optional<FieldProblem> check_phone(std::string_view text) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      ++digits;
    } else if (c == '+' ? i != 0 : std::string_view(" -.()").find(c) == std::string_view::npos) {
      digits = 0;
      break;
    }
  }
  if (digits < 7 || digits > 15) {
    return problem(
        "must be a phone number: 7 to 15 digits, with an optional leading + and spaces, "
        "dashes, dots or parentheses");
  }
  return std::nullopt;
}

std::optional<FieldProblem> check_enum(const FieldSpec& spec, std::string_view text) {
  if (std::find(spec.allowed.begin(), spec.allowed.end(), text) != spec.allowed.end()) {
    return std::nullopt;
  }
  std::string list;
  for (std::string_view v : spec.allowed) {
    list += list.empty() ? "" : ", ";
    list += v;
  }
  FieldProblem p{fmt::format("must be one of {}", list), std::nullopt};
  if (auto near = did_you_mean(text, spec.allowed)) {
    p.suggest = std::string(*near);
  }
  return p;
}

std::optional<FieldProblem> check_boolean(std::string_view text, bool quoted, std::string& out) {
  const std::string folded = lower_ascii(text);
  if (folded == "true" || folded == "false") {
    if (quoted) {
      return problem("must be true or false, written without quotes");
    }
    out = folded;
    return std::nullopt;
  }
  return problem("must be true or false");
}

}  // namespace

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

bool is_email(std::string_view text) {
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos ||
      text.size() > 254) {
    return false;
  }
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  const auto ok_local = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
  };
  const auto ok_domain = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
  };
  const std::size_t dot = domain.rfind('.');
  return std::all_of(local.begin(), local.end(), ok_local) && local.front() != '.' &&
         local.back() != '.' && local.find("..") == std::string_view::npos &&
         std::all_of(domain.begin(), domain.end(), ok_domain) && dot != std::string_view::npos &&
         dot > 0 && dot + 2 <= domain.size() && domain.front() != '-' &&
         domain.find("..") == std::string_view::npos;
}

std::optional<FieldProblem> check_field(const FieldSpec& spec, std::string_view raw, bool quoted,
                                        const CheckContext& ctx, std::string& out) {
  const std::string_view text = trim(raw);
  if (auto p = check_string(text)) {
    return p;
  }
  out.assign(text);
  switch (spec.type) {
    case FieldType::string:
      return std::nullopt;
    case FieldType::email:
      return is_email(text) ? std::nullopt
                            : problem("must be an email address like name@clinic.example");
    case FieldType::reference:
      if (!is_email(text)) {
        return problem("must be the email address of a staff member");
      }
      out = lower_ascii(text);
      return std::nullopt;
    case FieldType::date:
      return check_date(text, ctx);
    case FieldType::timezone:
      if (ctx.timezones == nullptr || !ctx.timezones->available() ||
          ctx.timezones->contains(text)) {
        return std::nullopt;
      }
      return problem("must be a time zone of the tz database, such as America/New_York");
    case FieldType::phone:
      return check_phone(text);
    case FieldType::enumeration:
      return check_enum(spec, text);
    case FieldType::boolean:
      return check_boolean(text, quoted, out);
  }
  return std::nullopt;
}

}  // namespace rosterform::engine::roster
