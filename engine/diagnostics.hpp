#pragma once
// Diagnostics accumulate instead of stopping at the first problem, so that a
// user sees every mistake in a roster in one run (the mold/Terraform model).
// A phase adds to a Diagnostics list and the caller checks has_errors() at the
// phase boundary.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rosterform::engine {

enum class Severity : std::uint8_t { error, warning };

// Where a diagnostic points. `line` and `column` are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  [[nodiscard]] bool known() const { return !file.empty(); }
  // "file:line:col", or "file" when the position is unknown.
  [[nodiscard]] std::string to_string() const;
};

// A kind of warning that many entries can share, the same fact about each
// (2,800 clients of Support members, whoever the member). Two or more of one
// kind print as one summary line (format_diagnostics_collapsed):
//   "warning: 2,800 clients have a Support member as provider (first: A, B, C
//    and 2,797 more): Healthie assigns clients to providers (org_role: Standard)"
// Kinds are constants (engine/warning_kinds.hpp): they are told apart by
// address. Neither text may hold a value: the summary names no entry.
struct WarningKind {
  std::string_view many;    // after the count: "clients have a Support member as provider"
  std::string_view advice;  // why it matters and what to do
};

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation location;
  std::string message;
  // A second location that belongs to the same problem, e.g. the first
  // definition of a duplicate.
  SourceLocation related;
  const WarningKind* kind = nullptr;  // warnings only; null: grouped by message
};

class Diagnostics {
 public:
  void error(SourceLocation where, std::string message, SourceLocation related = {});
  void warning(SourceLocation where, std::string message, SourceLocation related = {});
  // A warning of `kind` (which must outlive the list: a constant).
  void warning(const WarningKind& kind, SourceLocation where, std::string message,
               SourceLocation related = {});
  void append(const Diagnostics& other);

  [[nodiscard]] bool has_errors() const { return m_error_count > 0; }
  [[nodiscard]] std::size_t error_count() const { return m_error_count; }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return m_items; }
  [[nodiscard]] bool empty() const { return m_items.empty(); }

  // Orders by file, then line, then column, so output is stable whatever
  // order the checks ran in.
  void sort();

 private:
  std::vector<Diagnostic> m_items;
  std::size_t m_error_count = 0;
};

// "path:line:col: error: message" — the one-line form used by every command.
[[nodiscard]] std::string format_diagnostic(const Diagnostic& d);

// The lines a person reads: one per diagnostic, except that
//   * warnings of one WarningKind, when there are two or more, are one
//     summary line (see WarningKind), where the first of them was;
//   * other warnings with the same message are one line, at the first one's
//     place, ending "(2,800 times; also at A, B, C and 2,796 more)".
// `locations_shown` places are listed. Errors are never collapsed: each
// needs its own fix.
[[nodiscard]] std::vector<std::string> format_diagnostics_collapsed(
    const Diagnostics& diagnostics, std::size_t locations_shown = 3);

// 2800 -> "2,800".
[[nodiscard]] std::string grouped_count(std::size_t n);

}  // namespace rosterform::engine
