#include "engine/diagnostics.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

namespace rosterform::engine {

std::string SourceLocation::to_string() const {
  if (line == 0) {
    return file;
  }
  if (column == 0) {
    return fmt::format("{}:{}", file, line);
  }
  return fmt::format("{}:{}:{}", file, line, column);
}

void Diagnostics::error(SourceLocation where, std::string message, SourceLocation related) {
  m_items.push_back({Severity::error, std::move(where), std::move(message), std::move(related)});
  ++m_error_count;
}

void Diagnostics::warning(SourceLocation where, std::string message, SourceLocation related) {
  m_items.push_back({Severity::warning, std::move(where), std::move(message), std::move(related)});
}

void Diagnostics::warning(const WarningKind& kind, SourceLocation where, std::string message,
                          SourceLocation related) {
  m_items.push_back(
      {Severity::warning, std::move(where), std::move(message), std::move(related), &kind});
}

void Diagnostics::append(const Diagnostics& other) {
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
  m_error_count += other.m_error_count;
}

void Diagnostics::sort() {
  std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
}

std::string format_diagnostic(const Diagnostic& d) {
  const char* label = d.severity == Severity::error ? "error" : "warning";
  std::string where = d.location.known() ? d.location.to_string() + ": " : std::string();
  return fmt::format("{}{}: {}", where, label, d.message);
}

std::string grouped_count(std::size_t n) {
  std::string digits = std::to_string(n);
  for (std::size_t at = digits.size(); at > 3; at -= 3) {
    digits.insert(at - 3, ",");
  }
  return digits;
}

namespace {

// The places of `same[from..]`, at most `shown`, then "and N more".
std::string places_note(const std::vector<const Diagnostic*>& same, std::size_t from,
                        std::size_t shown) {
  std::vector<std::string> places;
  for (std::size_t i = from; i < same.size() && places.size() < shown; ++i) {
    places.push_back(same[i]->location.to_string());
  }
  std::size_t rest = same.size() - from - places.size();
  std::string text = fmt::format("{}", fmt::join(places, ", "));
  if (rest > 0) {
    text += fmt::format(" and {} more", grouped_count(rest));
  }
  return text;
}

std::string repeats_note(const std::vector<const Diagnostic*>& same, std::size_t shown) {
  return fmt::format(" ({} times; also at {})", grouped_count(same.size()),
                     places_note(same, 1, shown));
}

std::string kind_summary(const std::vector<const Diagnostic*>& same, std::size_t shown) {
  const WarningKind& kind = *same.front()->kind;
  return fmt::format("warning: {} {} (first: {}): {}", grouped_count(same.size()), kind.many,
                     places_note(same, 0, shown), kind.advice);
}

// Warnings that print as one line: by kind when they have one, else by
// message; each group in first-seen order.
class WarningGroups {
 public:
  explicit WarningGroups(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.items()) {
      if (d.severity == Severity::warning) {
        group_of(d).push_back(&d);
      }
    }
  }
  std::vector<const Diagnostic*>& group_of(const Diagnostic& d) {
    return d.kind != nullptr ? m_by_kind[d.kind] : m_by_message[d.message];
  }

 private:
  std::unordered_map<const WarningKind*, std::vector<const Diagnostic*>> m_by_kind;
  std::unordered_map<std::string_view, std::vector<const Diagnostic*>> m_by_message;
};

}  // namespace

std::vector<std::string> format_diagnostics_collapsed(const Diagnostics& diagnostics,
                                                      std::size_t locations_shown) {
  WarningGroups groups(diagnostics);
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::error) {
      lines.push_back(format_diagnostic(d));
      continue;
    }
    const std::vector<const Diagnostic*>& same = groups.group_of(d);
    if (same.front() != &d) {
      continue;
    }
    if (same.size() == 1) {
      lines.push_back(format_diagnostic(d));
    } else if (d.kind != nullptr) {
      lines.push_back(kind_summary(same, locations_shown));
    } else {
      lines.push_back(format_diagnostic(d) + repeats_note(same, locations_shown));
    }
  }
  return lines;
}

}  // namespace rosterform::engine
