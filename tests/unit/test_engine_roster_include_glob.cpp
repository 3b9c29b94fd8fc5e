#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "engine/roster/include_glob.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace rosterform::engine::roster;

namespace {
std::vector<std::string> rels(const GlobResult& r) {
  std::vector<std::string> out;
  for (const GlobMatch& m : r.matches) {
    out.push_back(m.rel);
  }
  return out;
}
}  // namespace

TEST_CASE("is_within compares whole path components") {
  CHECK(is_within("/w/ws", "/w/ws"));
  CHECK(is_within("/w/ws", "/w/ws/roster/a.yaml"));
  CHECK_FALSE(is_within("/w/ws", "/w/ws2/a.yaml"));
  CHECK_FALSE(is_within("/w/ws", "/w"));
  CHECK_FALSE(is_within("/w/ws", "/etc/passwd"));
}

TEST_CASE("patterns stay inside: relative, without '..'") {
  CHECK(is_contained_pattern("roster/*.yaml"));
  CHECK(is_contained_pattern("./**/x.yaml"));
  CHECK_FALSE(is_contained_pattern("/etc/*.yaml"));
  CHECK_FALSE(is_contained_pattern("roster/../../x.yaml"));
  CHECK_FALSE(is_contained_pattern("."));
}

TEST_CASE(
    "a file reached by its real path and through a symlink is matched once, by its real path") {
  rosterform::testing::TempDir tmp;
  const fs::path root = fs::canonical(tmp.path());
  fs::create_directories(root / "z/real");
  std::ofstream(root / "z/real/a.yaml") << "x: 1\n";
  fs::create_symlink("z/real", root / "a-link");
  fs::create_symlink(".", root / "self");
  const GlobResult r = expand_glob(root, "**/*.yaml");
  CHECK(rels(r) == std::vector<std::string>{"z/real/a.yaml"});
  CHECK(r.outside.empty());
  CHECK(r.limit.empty());
}
