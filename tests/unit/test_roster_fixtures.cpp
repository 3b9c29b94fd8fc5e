// Golden tests over tests/fixtures/invalid/<name>/: each folder is a bad
// workspace, and expected.txt holds the exact diagnostics it must produce,
// one per line, as `rosterform validate` prints them from inside the folder.
//
// To rewrite the goldens on purpose (after changing a message), run
//   ROSTERFORM_UPDATE_GOLDEN=1 build/.../tests/rosterform_unittest -tc='*fixture*'
// and review the diff of tests/fixtures/invalid/*/expected.txt.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace fs = std::filesystem;
using namespace rosterform;

namespace {

fs::path fixtures_dir() {
  return fs::path(ROSTERFORM_SOURCE_DIR) / "tests/fixtures/invalid";
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string diagnostics_text(const fs::path& dir) {
  engine::roster::LoadOptions options;
  options.display_dir = fs::path();
  options.today = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  const auto result = engine::roster::load_workspace(dir, healthie::staff_schema(),
                                                     healthie::client_schema(), options);
  std::string text;
  for (const engine::Diagnostic& d : result.diagnostics.items()) {
    text += engine::format_diagnostic(d) + "\n";
  }
  if (!result.diagnostics.has_errors()) {
    text += "(no errors: an invalid fixture must produce at least one)\n";
  }
  return text;
}

}  // namespace

TEST_CASE("every invalid roster fixture produces exactly its expected diagnostics") {
  const bool update = std::getenv("ROSTERFORM_UPDATE_GOLDEN") != nullptr;
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(fixtures_dir())) {
    if (!entry.is_directory()) {
      continue;
    }
    ++count;
    const fs::path golden = entry.path() / "expected.txt";
    const std::string actual = diagnostics_text(entry.path());
    if (update) {
      std::ofstream(golden, std::ios::binary) << actual;
      continue;
    }
    INFO("fixture: ", entry.path().filename().string());
    CHECK(actual == read_text(golden));
  }
  CHECK(count >= 30);
}
