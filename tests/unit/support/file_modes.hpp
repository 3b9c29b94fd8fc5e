#pragma once
// Small file helpers for the state tests: a file's permission bits, and
// writing a file's bytes as they are.

#include <sys/stat.h>

#include <fstream>
#include <string>

namespace rosterform::testing {

inline unsigned mode_of(const std::string& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 0777U;
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace rosterform::testing
