#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "state/private_file.hpp"

using namespace rosterform;

namespace {
std::filesystem::path temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rosterform-XXXXXX").string();
  return mkdtemp(pattern.data());
}
unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  stat(p.c_str(), &st);
  return st.st_mode & 0777U;
}
}  // namespace

TEST_CASE("private files are written atomically with mode 0600") {
  auto dir = temp_dir();
  auto path = (dir / "state.json").string();
  REQUIRE(state::write_private_file_atomic(path, "one"));
  REQUIRE(state::write_private_file_atomic(path, "two"));
  CHECK(state::read_file(path).value() == "two");
  CHECK(mode_of(path) == 0600U);
  // No temporary file is left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("appended lines end with a newline and the file is private") {
  auto dir = temp_dir();
  auto path = (dir / "audit.jsonl").string();
  REQUIRE(state::append_private_line(path, "a"));
  REQUIRE(state::append_private_line(path, "b\n"));
  CHECK(state::read_file(path).value() == "a\nb\n");
  CHECK(mode_of(path) == 0600U);
  std::filesystem::remove_all(dir);
}

TEST_CASE("reading a missing file says which file") {
  auto result = state::read_file("/nonexistent/rosterform/state.json");
  REQUIRE_FALSE(result);
  CHECK(result.error().message ==
        "cannot read /nonexistent/rosterform/state.json: No such file or directory");
}
