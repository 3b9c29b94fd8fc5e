// libFuzzer harness: the roster loader on a whole workspace.
//
// The loader has no in-memory entry point (it globs includes and reads files
// itself), so each input becomes a scratch workspace: the first part is
// rosterform.yaml, the second (if any) people.yaml, which a seed's
// `include: [people.yaml]` pulls in (fuzz_input.hpp for the parts). The
// loader must end with a state or diagnostics for every input, in bounded
// time and memory; libFuzzer's -timeout and -rss_limit_mb hold it to that.

#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using namespace rosterform;
namespace fs = std::filesystem;

const fs::path& workspace() {
  static const fs::path dir = [] {
    std::string templ = (fs::temp_directory_path() / "rosterform-fuzz-roster-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr)
      std::abort();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(workspace(), ec);
    });
    return fs::path(templ);
  }();
  return dir;
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary)
      .write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parts = fuzz::split_parts(fuzz::as_text(data, size), 2);
  const fs::path& dir = workspace();
  std::error_code ec;
  fs::remove(dir / "people.yaml", ec);
  write(dir / engine::roster::k_workspace_file, parts[0]);
  if (parts.size() > 1)
    write(dir / "people.yaml", parts[1]);
  engine::roster::LoadOptions options;
  options.display_dir = fs::path();
  // A fixed "today" keeps date-of-birth checks reproducible.
  options.today = std::chrono::sys_days(std::chrono::year(2026) / 1 / 1);
  auto loaded = engine::roster::load_workspace(dir, healthie::staff_schema(),
                                               healthie::client_schema(), options);
  // Replaying one input by hand with ROSTERFORM_FUZZ_VERBOSE=1 says what the
  // loader made of it.
  if (std::getenv("ROSTERFORM_FUZZ_VERBOSE")) {
    for (const auto& d : loaded.diagnostics.items())
      std::fprintf(stderr, "%s\n", engine::format_diagnostic(d).c_str());
    std::fprintf(stderr, "loaded %zu files: %s, %zu staff, %zu clients\n", loaded.files.size(),
                 loaded.diagnostics.has_errors() ? "errors" : "valid", loaded.state.staff.size(),
                 loaded.state.clients.size());
  }
  return 0;
}
