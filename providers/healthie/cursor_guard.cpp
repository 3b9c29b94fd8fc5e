#include "providers/healthie/cursor_guard.hpp"

namespace rosterform::healthie {

engine::Error CursorGuard::incomplete(std::string_view why) const {
  return engine::Error("incomplete read: " + m_what + ": " + std::string(why) +
                       "; nothing was planned; run again");
}

engine::Result<bool> CursorGuard::next(const CursorPage& page) {
  m_read += page.items;
  if (m_read > page.total_count) {
    return tl::unexpected(incomplete(std::to_string(m_read) + " items arrived but total_count is " +
                                     std::to_string(page.total_count)));
  }
  if (!page.has_next_page)
    return false;
  if (!page.end_cursor)
    return tl::unexpected(incomplete("has_next_page is true but end_cursor is null"));
  if (page.items == 0)
    return tl::unexpected(incomplete("a page with has_next_page true held no items"));
  if (!m_seen.insert(*page.end_cursor).second)
    return tl::unexpected(incomplete("the server returned a cursor it had returned before"));
  m_cursor = page.end_cursor;
  return true;
}

}  // namespace rosterform::healthie
