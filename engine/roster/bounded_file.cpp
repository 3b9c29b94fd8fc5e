#include "engine/roster/bounded_file.hpp"

#include <algorithm>

namespace rosterform::engine::roster {

BoundedFile::BoundedFile(const std::filesystem::path& path, std::size_t limit)
    : m_limit(limit), m_stream(this) {
  m_file.open(path, std::ios::in | std::ios::binary);
}

BoundedFile::int_type BoundedFile::underflow() {
  if (!m_file.is_open() || m_exceeded) {
    return traits_type::eof();
  }
  // Ask for one byte more than the cap allows, to tell "ends at the cap"
  // from "goes on past it".
  const std::size_t room = std::min(m_buffer.size(), m_limit - m_read + 1);
  const auto got =
      static_cast<std::size_t>(m_file.sgetn(m_buffer.data(), static_cast<std::streamsize>(room)));
  if (got == 0) {
    return traits_type::eof();
  }
  if (m_read + got > m_limit) {
    m_exceeded = true;
    return traits_type::eof();
  }
  m_read += got;
  setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + got);
  return traits_type::to_int_type(m_buffer[0]);
}

}  // namespace rosterform::engine::roster
