// Roster loading benchmark: time and peak memory of rosterform's loader
// against yaml-cpp's own parsers on the same workspace.
//
//   roster_load_bench MODE DIR
//
// MODE is one of
//   events  yaml-cpp's bare event parser (YAML::Parser with an EventHandler
//           that does nothing) over every file the workspace reads: the
//           floor any loader built on yaml-cpp pays;
//   load    engine::roster::load_workspace(DIR): parse, validate, identity,
//           duplicates, references; the DesiredState is kept until the end;
//   node    YAML::LoadFile on the same files, for reference.
// Peak RSS is per process, so run one mode per process (bench/roster_bench.sh
// does, several times). Figures and commands: docs/performance.md.

#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace {

class NullHandler final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

std::vector<std::filesystem::path> workspace_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files = {dir / "rosterform.yaml"};
  for (const auto& e : std::filesystem::directory_iterator(dir / "roster")) {
    files.push_back(e.path());
  }
  return files;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: roster_load_bench events|load|node DIR\n");
    return 2;
  }
  const std::string mode = argv[1];
  const std::filesystem::path dir = argv[2];
  std::uintmax_t bytes = 0;
  for (const auto& f : workspace_files(dir)) {
    bytes += std::filesystem::file_size(f);
  }
  const auto start = std::chrono::steady_clock::now();
  std::string detail;
  if (mode == "events") {
    for (const auto& f : workspace_files(dir)) {
      std::ifstream in(f, std::ios::binary);
      YAML::Parser parser(in);
      NullHandler handler;
      while (parser.HandleNextDocument(handler)) {
      }
    }
  } else if (mode == "node") {
    std::size_t nodes = 0;
    std::vector<YAML::Node> docs;
    for (const auto& f : workspace_files(dir)) {
      docs.push_back(YAML::LoadFile(f.string()));
      nodes += docs.back().size();
    }
    detail = " top_level_keys=" + std::to_string(nodes);
  } else if (mode == "load") {
    const auto result = rosterform::engine::roster::load_workspace(
        dir, rosterform::healthie::staff_schema(), rosterform::healthie::client_schema());
    const struct mallinfo2 mi = mallinfo2();
    detail =
        " heap_in_use_mb=" + std::to_string(static_cast<double>(mi.uordblks + mi.hblkhd) / 1e6) +
        " staff=" + std::to_string(result.state.staff.size()) +
        " clients=" + std::to_string(result.state.clients.size()) +
        " diagnostics=" + std::to_string(result.diagnostics.items().size());
    for (std::size_t i = 0; i < result.diagnostics.items().size() && i < 5; ++i) {
      std::fprintf(stderr, "%s\n",
                   rosterform::engine::format_diagnostic(result.diagnostics.items()[i]).c_str());
    }
  } else {
    std::fprintf(stderr, "unknown mode '%s'\n", mode.c_str());
    return 2;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("mode=%s seconds=%.3f peak_rss_mb=%.1f input_mb=%.1f%s\n", mode.c_str(), seconds,
              peak_rss_mb(), static_cast<double>(bytes) / 1e6, detail.c_str());
  return 0;
}
