#include "engine/roster/loader.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "engine/roster/cross_checks.hpp"
#include "engine/roster/entry_reader.hpp"
#include "engine/roster/file_reader.hpp"
#include "engine/roster/include_glob.hpp"
#include "engine/roster/list_size_hint.hpp"
#include "engine/roster/load_context.hpp"

namespace rosterform::engine::roster {

namespace {

// yaml-cpp's messages, with a hint for the common ones and without the
// offending text for the two that quote it (it could be PHI).
std::string yaml_message(const std::string& msg, bool tab) {
  if (tab) {
    return msg + " (indent with spaces, not tabs)";
  }
  for (std::string_view quoting : {"invalid unicode: ", "unknown escape character: "}) {
    if (msg.starts_with(quoting)) {
      return std::string(quoting.substr(0, quoting.size() - 2));
    }
  }
  if (msg == "illegal map value") {
    return msg + " (check the indentation, and quote a value that contains ': ')";
  }
  if (msg == "end of map not found" || msg == "end of sequence not found" ||
      msg == "end of map flow not found" || msg == "end of sequence flow not found") {
    return msg + " (check the indentation and the brackets)";
  }
  if (msg == "the referenced anchor is not defined") {
    return msg + " (define '&name' before '*name', in the same file)";
  }
  return msg;
}

// Whether line `line` (0-based) of the file is indented with a tab: yaml-cpp
// reports those as some other error.
bool starts_with_tab(const std::filesystem::path& path, int line) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  for (int i = 0; i <= line && std::getline(in, text); ++i) {
  }
  const std::size_t first = text.find_first_not_of(' ');
  return first != std::string::npos && text[first] == '\t';
}

std::string display(const LoadOptions& options, const std::filesystem::path& dir,
                    std::string_view rel) {
  const std::filesystem::path prefix = options.display_dir.value_or(dir);
  return (prefix / rel).lexically_normal().generic_string();
}

void load_file(LoadContext& ctx, const std::filesystem::path& path, std::string shown,
               bool workspace) {
  ctx.files.push_back(std::move(shown));
  ctx.workspace_file = workspace;
  ctx.file_broken = false;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ctx.diags.error({ctx.files.back(), 0, 0},
                    fmt::format("cannot read the file: {}", std::strerror(errno)));
    return;
  }
  FileReader reader(ctx, scan_list_sizes(path));
  TreeBuilder builder(reader);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports syntax errors by throwing; they are the user's, so
    // they become diagnostics here, at the library's boundary.
    ctx.file_broken = true;
    ctx.diags.error({ctx.files.back(), static_cast<std::uint32_t>(e.mark.line + 1),
                     static_cast<std::uint32_t>(e.mark.column + 1)},
                    "invalid YAML: " + yaml_message(e.msg, starts_with_tab(path, e.mark.line)));
  }
  finish_file_entries(ctx);
}

void load_includes(LoadContext& ctx, const std::filesystem::path& dir, const LoadOptions& options) {
  std::vector<std::string> loaded = {std::string(k_workspace_file)};
  for (const IncludePattern& inc : ctx.includes) {
    if (!is_contained_pattern(inc.pattern)) {
      ctx.diags.error(inc.location,
                      fmt::format("include pattern '{}' must be a path inside the workspace "
                                  "folder: relative, without '..'",
                                  inc.pattern));
      continue;
    }
    const std::vector<std::string> matches = expand_glob(dir, inc.pattern);
    if (matches.empty()) {
      ctx.diags.error(inc.location,
                      fmt::format("include pattern '{}' matches no file", inc.pattern));
    }
    for (const std::string& rel : matches) {
      if (std::find(loaded.begin(), loaded.end(), rel) != loaded.end()) {
        continue;
      }
      loaded.push_back(rel);
      load_file(ctx, dir / rel, display(options, dir, rel), false);
    }
  }
}

CheckContext make_check(const LoadOptions& options, TimezoneDb& tz) {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return {options.today.value_or(now), &tz};
}

}  // namespace

LoadResult load_workspace(const std::filesystem::path& dir, const ResourceSchema& staff,
                          const ResourceSchema& clients, const LoadOptions& options) {
  TimezoneDb tz(options.tz_dir);
  LoadContext ctx(staff, clients, make_check(options, tz));
  ctx.state.root = dir.string();
  const std::string shown = display(options, dir, k_workspace_file);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir / k_workspace_file, ec)) {
    ctx.diags.error({shown, 0, 0},
                    "no workspace file here: run rosterform in the folder that holds "
                    "rosterform.yaml, or name that folder (rosterform validate DIR)");
    return {std::move(ctx.state), std::move(ctx.diags), std::move(ctx.files)};
  }
  load_file(ctx, dir / k_workspace_file, shown, true);
  if (!ctx.version_seen) {
    ctx.diags.error({shown, 1, 1}, "rosterform.yaml has no 'version': add 'version: 1' at the top");
  }
  load_includes(ctx, dir, options);
  if (!tz.available()) {
    ctx.diags.warning({shown, 0, 0},
                      fmt::format("time zones were not checked: there is no tz database at {} "
                                  "(install tzdata, or set TZDIR)",
                                  tz.dir().string()));
  }
  run_cross_checks(ctx);
  ctx.diags.sort();
  return {std::move(ctx.state), std::move(ctx.diags), std::move(ctx.files)};
}

}  // namespace rosterform::engine::roster
