#include "providers/healthie/server_text.hpp"

#include <optional>
#include <regex>

#include "engine/output/text_gate.hpp"
#include "providers/http/redact.hpp"

namespace rosterform::healthie {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    char next = control ? ' ' : c;
    if (next == ' ' && (out.empty() || out.back() == ' '))
      continue;
    out += next;
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

// graphql-ruby: "Variable $input of type T was provided invalid value for
// a (why), b (why)"; graphql-js: "Variable \"$input\" got invalid value ...".
// Only the variable, its type and the field names are kept.
std::string without_coerced_values(const std::string& text) {
  static const std::regex ruby(
      R"(Variable \$(\w+) of type ([\w!\[\]]+) was provided invalid value)");
  static const std::regex js(R"re(Variable "?\$(\w+)"? got invalid value)re");
  std::smatch m;
  if (std::regex_search(text, m, ruby)) {
    std::string out = m.str(0);
    std::string rest = m.suffix().str();
    if (rest.rfind(" for ", 0) != 0)
      return out;
    std::string names;
    int depth = 0;
    bool want_name = true;
    bool quoted = false;  // a value may hold brackets and commas of its own
    for (std::size_t i = 5; i < rest.size(); ++i) {
      char c = rest[i];
      if (quoted || c == '"') {
        quoted = c == '"' ? !quoted : quoted;
        i += c == '\\' ? 1 : 0;
        continue;
      }
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth == 0 && c == ',')
        want_name = true;
      else if (depth == 0 && want_name && (is_word(c) || c == '.')) {
        std::size_t end = i;
        while (end < rest.size() && (is_word(rest[end]) || rest[end] == '.'))
          ++end;
        names += (names.empty() ? "" : ", ") + rest.substr(i, end - i);
        i = end - 1;
        want_name = false;
      }
    }
    return names.empty() ? out : out + " for " + names;
  }
  if (std::regex_search(text, m, js))
    return "Variable $" + m.str(1) + " got invalid value";
  return text;
}

// "..." and '...' (a quote that opens after a space or bracket and closes
// before one, so "can't" and "O'Brien" are words, not quotes).
std::string without_quoted(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char q = text[i];
    bool opens = q == '"' || (q == '\'' && (i == 0 || !is_word(text[i - 1])));
    std::size_t close = opens ? text.find(q, i + 1) : std::string::npos;
    if (q == '\'')
      while (close != std::string::npos && close + 1 < text.size() && is_word(text[close + 1]))
        close = text.find(q, close + 1);
    if (close == std::string::npos) {
      out += q;
      continue;
    }
    out += k_masked_value;
    i = close;
  }
  return out;
}

bool is_date_at(const std::string& s, std::size_t i, std::size_t end) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  return end - i == 10 && std::regex_match(s.begin() + static_cast<long>(i),
                                           s.begin() + static_cast<long>(end), date);
}

bool ends_word(char c) {
  return c == ' ' || c == ',' || c == ';' || c == '(' || c == ')';
}

// Numbers inside a word: digits with - / . : + between them, two digits or
// more ("MSN-8888" becomes "MSN-[value]").
void mask_numbers(const std::string& text, std::size_t i, std::size_t end, bool keep_dates,
                  std::string& out) {
  while (i < end) {
    if (!is_digit(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t run = i;
    int digits = 0;
    while (run < end && (is_digit(text[run]) ||
                         (std::string_view("-/.:+").find(text[run]) != std::string_view::npos &&
                          run + 1 < end && is_digit(text[run + 1])))) {
      digits += is_digit(text[run]) ? 1 : 0;
      ++run;
    }
    bool keep = digits < 2 || (keep_dates && is_date_at(text, i, run));
    out += keep ? text.substr(i, run - i) : std::string(k_masked_value);
    i = run;
  }
}

// Words with an @ (an email, a handle), and numbers.
std::string without_emails_and_numbers(const std::string& text, bool keep_dates) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (ends_word(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !ends_word(text[end]))
      ++end;
    if (text.find('@', i) < end)
      out += k_masked_value;
    else
      mask_numbers(text, i, end, keep_dates, out);
    i = end;
  }
  return out;
}

// The first `limit` bytes, cut between UTF-8 sequences.
std::string bounded(std::string text, std::size_t limit, std::string_view more) {
  if (text.size() <= limit)
    return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return text.substr(0, cut) + std::string(more);
}

// graphql-ruby's schema-validation sentences name only schema identifiers,
// which are the point of the message (doctor names the field that broke):
// rebuilt from identifiers of at most 64 word characters, never echoed.
std::optional<std::string> schema_sentence(const std::string& text) {
  static const std::regex missing(R"(^Field '(\w{1,64})' doesn't exist on type '(\w{1,64})'$)");
  static const std::regex argument(
      R"(^(Field|InputObject|Directive) '(\w{1,64})' doesn't accept argument '(\w{1,64})'$)");
  std::smatch m;
  if (std::regex_match(text, m, missing))
    return "Field '" + m.str(1) + "' doesn't exist on type '" + m.str(2) + "'";
  if (std::regex_match(text, m, argument))
    return m.str(1) + " '" + m.str(2) + "' doesn't accept argument '" + m.str(3) + "'";
  return std::nullopt;
}

}  // namespace

bool is_version_code(std::string_view code) {
  return code == "UNSUPPORTED_API_VERSION" || code == "MISSING_API_VERSION_HEADER" ||
         code == "API_VERSION_SUNSET_WARNING";
}

std::string server_text(std::string_view raw, std::string_view secret, bool keep_dates) {
  // A hostile answer may hold megabytes of message; 4 KiB is plenty to judge.
  std::string text = one_line(bounded(http::redact(raw, secret), 4096, ""));
  if (auto sentence = schema_sentence(text))
    return *sentence;
  text = without_quoted(without_coerced_values(text));
  text = bounded(without_emails_and_numbers(text, keep_dates), k_server_text_limit, "...");
  return engine::output::printable(text);
}

std::string server_code(std::string_view raw) {
  bool ok = !raw.empty() && raw.size() <= 64;
  for (char c : raw)
    ok = ok && (is_word(c) || c == '.' || c == '-');
  return raw.empty() ? std::string() : ok ? std::string(raw) : std::string("UNPRINTABLE_CODE");
}

std::string server_date(std::string_view raw) {
  std::string s(raw);
  return is_date_at(s, 0, s.size()) ? s : std::string();
}

}  // namespace rosterform::healthie
