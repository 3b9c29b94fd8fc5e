#pragma once
// A roster file opened for the YAML parser with a hard cap on the bytes it
// may yield. The size is checked before parsing too (for a clear message),
// but only the cap guarantees the bound: a file can grow between the check
// and the read. Past the cap the stream simply ends and `exceeded()` says so.

#include <array>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <istream>
#include <streambuf>

namespace rosterform::engine::roster {

class BoundedFile final : private std::streambuf {
 public:
  BoundedFile(const std::filesystem::path& path, std::size_t limit);
  BoundedFile(const BoundedFile&) = delete;
  BoundedFile& operator=(const BoundedFile&) = delete;
  ~BoundedFile() override = default;

  [[nodiscard]] bool is_open() const { return m_file.is_open(); }
  [[nodiscard]] std::istream& stream() { return m_stream; }
  [[nodiscard]] std::size_t bytes_read() const { return m_read; }
  [[nodiscard]] bool exceeded() const { return m_exceeded; }

 private:
  int_type underflow() override;

  std::filebuf m_file;
  std::array<char, 64 * 1024> m_buffer{};
  std::size_t m_limit;
  std::size_t m_read = 0;
  bool m_exceeded = false;
  std::istream m_stream;
};

}  // namespace rosterform::engine::roster
