// Hostile rosters that cannot be committed as fixtures (issue 12): symlinks,
// huge files, alias bombs of gigabytes. Each must end in a located error (or
// be accepted when it is legitimately valid) in bounded time and memory. The
// rest are in tests/fixtures/invalid/ (see test_roster_fixtures.cpp).

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace rosterform;
using engine::roster::LoadOptions;
using engine::roster::LoadResult;

namespace {

constexpr const char* k_staff =
    "staff:\n  - email: jones@clinic.example\n    first_name: Alex\n    last_name: Jones\n";

// A workspace in <tmp>/ws next to a folder outside it, <tmp>/outside.
class Hostile {
 public:
  Hostile() {
    fs::create_directories(ws());
    fs::create_directories(outside());
  }
  [[nodiscard]] fs::path ws() const { return m_tmp.path() / "ws"; }
  [[nodiscard]] fs::path outside() const { return m_tmp.path() / "outside"; }
  void write(const fs::path& path, const std::string& text) const {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  void file(const std::string& rel, const std::string& text) const { write(ws() / rel, text); }
  void link(const std::string& rel, const fs::path& target) const {
    fs::create_directories((ws() / rel).parent_path());
    fs::create_symlink(target, ws() / rel);
  }
  [[nodiscard]] LoadResult load(LoadOptions options = {}) const {
    options.display_dir = fs::path();
    options.today = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
    return engine::roster::load_workspace(ws(), healthie::staff_schema(), healthie::client_schema(),
                                          options);
  }

 private:
  testing::TempDir m_tmp;
};

std::string lines(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics.items()) {
    out += engine::format_diagnostic(d) + "\n";
  }
  return out;
}

// Seconds a load took; the bounds checked are generous (sanitizer builds),
// the point is "finishes", where the old code took minutes or for ever.
template <typename F>
double seconds(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a 1 MB anchor aliased 4,000 or 12,000 times is an alias bomb, refused quickly") {
  for (int aliases : {4000, 12000}) {
    Hostile h;
    std::string yaml = "version: 1\nx-big: &big " + std::string(1 << 20, 'w') + "\nx-use: [";
    for (int i = 0; i < aliases; ++i) {
      yaml += i == 0 ? "*big" : ", *big";
    }
    h.file("rosterform.yaml", yaml + "]\n" + k_staff);
    LoadResult r;
    CHECK(seconds([&] { r = h.load(); }) < 30);
    CHECK(lines(r) ==
          "rosterform.yaml:3:381: error: anchors and aliases in this file copy more than 64 MiB: "
          "the rest of the file is not read (is it an alias bomb?)\n");
  }
}

TEST_CASE("an included file that is a symlink to a file outside the workspace is refused, unread") {
  Hostile h;
  h.file("rosterform.yaml", "version: 1\ninclude: [roster/*.yaml]\n");
  h.file("roster/staff.yaml", k_staff);
  h.write(h.outside() / "passwd.yaml", "root: x\n");
  h.link("roster/evil.yaml", h.outside() / "passwd.yaml");
  const LoadResult r = h.load();
  CHECK(lines(r) ==
        "rosterform.yaml:2:11: error: include pattern 'roster/*.yaml' reaches "
        "'roster/evil.yaml', a symlink to a place outside the workspace folder: roster files "
        "must live inside it (copy the file in, or remove the link)\n");
  CHECK(r.files == std::vector<std::string>{"rosterform.yaml", "roster/staff.yaml"});
}

TEST_CASE("a folder symlink to outside the workspace is refused, and nothing under it is read") {
  Hostile h;
  h.file("rosterform.yaml", "version: 1\ninclude: [\"**/*.yaml\"]\n" + std::string(k_staff));
  h.write(h.outside() / "etc/x.yaml", "root: x\n");
  h.link("roster/ext", h.outside());
  const LoadResult r = h.load();
  CHECK(lines(r) ==
        "rosterform.yaml:2:11: error: include pattern '**/*.yaml' reaches 'roster/ext', a symlink "
        "to a place outside the workspace folder: roster files must live inside it (copy the "
        "file in, or remove the link)\n");
  CHECK(r.files == std::vector<std::string>{"rosterform.yaml"});
}

TEST_CASE("two symlinks to '.' and thirty '**' segments walk the tree once, each file read once") {
  Hostile h;
  std::string many;
  for (int i = 0; i < 30; ++i) {
    many += "**/";
  }
  h.file("rosterform.yaml", "version: 1\ninclude: [\"**/*.yaml\", \"" + many +
                                "*.yaml\", \"a/b/a/b/roster/*.yaml\"]\n");
  h.file("roster/staff.yaml", k_staff);
  h.file("roster/deeper/more/clients.yaml", "clients: []\n");
  h.link("a", ".");
  h.link("b", ".");
  h.link("roster/up", "..");
  LoadResult r;
  CHECK(seconds([&] { r = h.load(); }) < 10);
  CHECK(r.files == std::vector<std::string>{"rosterform.yaml", "roster/deeper/more/clients.yaml",
                                            "roster/staff.yaml"});
  CHECK(!r.diagnostics.has_errors());
}

TEST_CASE("a symlink inside the workspace to a file inside it is followed, and read once") {
  Hostile h;
  h.file("rosterform.yaml", "version: 1\ninclude: [roster/*.yaml, shared/*.yaml]\n");
  h.file("shared/staff.yaml", k_staff);
  h.link("roster/staff.yaml", "../shared/staff.yaml");
  const LoadResult r = h.load();
  CHECK(lines(r).empty());
  CHECK(r.files == std::vector<std::string>{"rosterform.yaml", "roster/staff.yaml"});
  CHECK(r.state.staff.size() == 1);
}

TEST_CASE("rosterform.yaml as a symlink to a file outside the workspace is refused") {
  Hostile h;
  h.write(h.outside() / "rosterform.yaml", "version: 1\n" + std::string(k_staff));
  h.link("rosterform.yaml", h.outside() / "rosterform.yaml");
  CHECK(lines(h.load()) ==
        "rosterform.yaml: error: rosterform.yaml is a symlink to a file outside the workspace "
        "folder: the workspace file must live in it (replace the link with the file)\n");
}

TEST_CASE("a state path that a symlink leads out of the workspace is refused") {
  Hostile h;
  h.file("rosterform.yaml", "version: 1\nstate: {path: keep/state.json}\n" + std::string(k_staff));
  h.link("keep", h.outside());
  CHECK(lines(h.load()) ==
        "rosterform.yaml:2:15: error: 'path' in state leads outside the workspace folder through "
        "a symlink (got 'keep/state.json'); to keep the state elsewhere, pass --state PATH on "
        "the command line\n");

  Hostile d;
  d.file("rosterform.yaml", "version: 1\n" + std::string(k_staff));
  d.link(".rosterform", d.outside());
  CHECK(lines(d.load()) ==
        "rosterform.yaml: error: the default state path '.rosterform/state.json' leads outside "
        "the workspace folder through a symlink: remove the symlink, or pass --state PATH on the "
        "command line\n");
}

TEST_CASE("a file over the size limit is refused before it is read") {
  Hostile h;
  h.file("rosterform.yaml", "version: 1\ninclude: [roster/*.yaml]\n");
  h.file("roster/huge.yaml", "");
  fs::resize_file(h.ws() / "roster/huge.yaml", (std::uintmax_t{65} << 20U) + 1);  // sparse
  LoadResult r;
  CHECK(seconds([&] { r = h.load(); }) < 5);
  CHECK(lines(r) ==
        "roster/huge.yaml: error: the file is 65.0 MiB; a roster file may hold at most 64.0 MiB: "
        "split it into several files (include: [roster/*.yaml])\n");
}

TEST_CASE("a workspace whose files add up to more than the limit stops reading at the limit") {
  Hostile h;
  h.file("rosterform.yaml", "version: 1\ninclude: [roster/*.yaml]\n");
  for (const char* name : {"a", "b", "c"}) {
    h.file(std::string("roster/") + name + ".yaml", "x-pad: " + std::string(300, 'p') + "\n");
  }
  LoadOptions options;
  options.max_workspace_bytes = 700;
  const LoadResult r = h.load(options);
  CHECK(lines(r) ==
        "roster/c.yaml: error: the workspace's files add up to more than 0.0 MiB, the most "
        "rosterform reads: this file and the rest are not read\n");
}

TEST_CASE("commas in values and flow lists are legitimately valid") {
  Hostile h;
  h.file("rosterform.yaml",
         "version: 1\ninclude: [roster/a.yaml, roster/b.yaml]\npolicy: {protected: "
         "[jones@clinic.example, lee@clinic.example]}\n");
  h.file(
      "roster/a.yaml",
      "staff:\n  - {email: jones@clinic.example, first_name: \"Alex, Jr.\", last_name: Jones}\n");
  h.file("roster/b.yaml",
         "staff:\n  - email: lee@clinic.example\n    first_name: Lee, MD\n"
         "    last_name: Park,\n");
  const LoadResult r = h.load();
  CHECK(lines(r).empty());
  CHECK(r.state.staff.size() == 2);
}

TEST_CASE("100,000 top-level keys and a mapping of 20,000 keys are checked in linear time") {
  Hostile h;
  std::string yaml = "version: 1\n";
  for (int i = 0; i < 100000; ++i) {
    yaml += "x-" + std::to_string(i) + ": v\n";
  }
  yaml += "x-7: again\nx-map: {<<: {";
  for (int i = 0; i < 20000; ++i) {
    yaml += "m" + std::to_string(i) + ": v, ";
  }
  yaml += "}}\n";
  h.file("rosterform.yaml", yaml + k_staff + "    first_name: Twice\n");
  LoadResult r;
  CHECK(seconds([&] { r = h.load(); }) < 60);
  CHECK(lines(r) ==
        "rosterform.yaml:100002:1: error: duplicate top-level key 'x-7': it is already at line 9, "
        "column 1; merge the two into one\n"
        "rosterform.yaml:100008:5: error: duplicate key 'first_name' in staff member: it is "
        "already set at line 100006, column 5; remove one of them\n");
}

TEST_CASE("YAML nested past the cap is one located error, also past yaml-cpp's own cap") {
  Hostile h;
  h.file("rosterform.yaml", "version: 1\nx-deep: " + std::string(100000, '[') + "\n");
  CHECK(lines(h.load()) ==
        "rosterform.yaml:2:25: error: the YAML here nests deeper than 32 levels (a roster needs "
        "five): the rest of the file is not read\n");
}

TEST_CASE("a file of thousands of errors shows the first 1,000 and counts the rest") {
  Hostile h;
  std::string yaml = "version: 1\n" + std::string(k_staff);
  for (int i = 0; i < 3000; ++i) {
    yaml += "    k" + std::to_string(i) + ": v\n";
  }
  h.file("rosterform.yaml", yaml);
  const LoadResult r = h.load();
  REQUIRE(r.diagnostics.items().size() == 1001);
  CHECK(engine::format_diagnostic(r.diagnostics.items()[0]) ==
        "rosterform.yaml: error: 2000 more errors in this file are not shown: fix the first ones "
        "and validate again");
  CHECK(engine::format_diagnostic(r.diagnostics.items()[1000])
            .starts_with("rosterform.yaml:1005:5: error: unknown field 'k999'"));
}
