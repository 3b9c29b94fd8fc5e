#include "state/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>

namespace rosterform::state {

namespace {

engine::Status errno_failure(std::string_view what, const std::string& path) {
  return engine::fail(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

// Writes the whole buffer, retrying on short writes and EINTR.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

engine::Status fsync_directory_of(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) {
    dir = ".";
  }
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return errno_failure("cannot open directory of", path);
  }
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) {
    return errno_failure("cannot fsync directory of", path);
  }
  return {};
}

}  // namespace

engine::Status write_private_file_atomic(const std::string& path, std::string_view contents) {
  std::random_device rd;
  std::string tmp = fmt::format("{}.tmp-{}-{:08x}", path, ::getpid(), rd());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return errno_failure("cannot create", tmp);
  }
  bool ok = write_all(fd, contents) && ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    errno = saved;
    return errno_failure("cannot write", tmp);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    return errno_failure("cannot replace", path);
  }
  return fsync_directory_of(path);
}

engine::Status append_private_line(const std::string& path, std::string_view line) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return errno_failure("cannot open", path);
  }
  // An existing file keeps its mode on open; one made readable by others
  // (by hand, an old umask) is tightened before more is written to it.
  (void)::fchmod(fd, 0600);
  std::string buffer(line);
  if (buffer.empty() || buffer.back() != '\n') {
    buffer.push_back('\n');
  }
  bool ok = write_all(fd, buffer) && ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  if (!ok) {
    errno = saved;
    return errno_failure("cannot append to", path);
  }
  return {};
}

engine::Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return engine::fail(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace rosterform::state
