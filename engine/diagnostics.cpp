#include "engine/diagnostics.hpp"

#include <algorithm>
#include <tuple>

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

}  // namespace rosterform::engine
