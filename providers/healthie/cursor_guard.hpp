#pragma once
// The stopping rules of one cursor stream (2026-01-01 connections), shared by
// the client streams, the staff pages and the member look-up. A stream ends
// only when the server says so (has_next_page false); total_count is a
// cross-check. A server that does not advance — a cursor seen before, a null
// end_cursor while has_next_page is true, an empty page with a next one, or
// more items than total_count — would otherwise be read for ever, so each
// of those ends the read as incomplete (docs/provider.md, "Complete reads").

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "engine/result.hpp"

namespace rosterform::healthie {

struct CursorPage {
  long long items = 0;        // nodes on this page
  long long total_count = 0;  // the connection's total_count
  bool has_next_page = false;
  std::optional<std::string> end_cursor;
};

class CursorGuard {
 public:
  // `what` names the stream in errors ("reading active clients"); no PHI.
  explicit CursorGuard(std::string what) : m_what(std::move(what)) {}

  // Checks one page. Returns whether the stream goes on; then cursor() is
  // the `after` of the next page.
  [[nodiscard]] engine::Result<bool> next(const CursorPage& page);
  [[nodiscard]] const std::optional<std::string>& cursor() const { return m_cursor; }
  [[nodiscard]] long long read() const { return m_read; }

 private:
  [[nodiscard]] engine::Error incomplete(std::string_view why) const;

  std::string m_what;
  std::unordered_set<std::string> m_seen;
  std::optional<std::string> m_cursor;
  long long m_read = 0;
};

}  // namespace rosterform::healthie
