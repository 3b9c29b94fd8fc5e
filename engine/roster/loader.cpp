#include "engine/roster/loader.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "engine/roster/bounded_file.hpp"
#include "engine/roster/cross_checks.hpp"
#include "engine/roster/entry_reader.hpp"
#include "engine/roster/file_reader.hpp"
#include "engine/roster/include_glob.hpp"
#include "engine/roster/list_size_hint.hpp"
#include "engine/roster/load_context.hpp"
#include "engine/roster/workspace_settings.hpp"

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

// What one load reads, and what it may still read.
struct Reading {
  std::filesystem::path dir;   // as given
  std::filesystem::path root;  // resolved: what "inside the workspace" means
  const LoadOptions& options;
  std::size_t bytes_left;
  std::set<std::filesystem::path> loaded;  // resolved paths, each read once
};

// "1.5 MiB": sizes in the limit messages.
std::string mebibytes(std::uintmax_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

// Whether the file may be read in full; reports why not.
bool within_size_limits(LoadContext& ctx, Reading& r, const std::filesystem::path& path) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    return true;  // reading it reports the problem
  }
  if (size > r.options.max_file_bytes) {
    ctx.diags.error({ctx.files.back(), 0, 0},
                    fmt::format("the file is {}; a roster file may hold at most {}: split it "
                                "into several files (include: [roster/*.yaml])",
                                mebibytes(size), mebibytes(r.options.max_file_bytes)));
    return false;
  }
  if (size > r.bytes_left) {
    ctx.diags.error({ctx.files.back(), 0, 0},
                    fmt::format("the workspace's files add up to more than {}, the most "
                                "rosterform reads: this file and the rest are not read",
                                mebibytes(r.options.max_workspace_bytes)));
    r.bytes_left = 0;
    return false;
  }
  return true;
}

// The character at `pos` of the file, quoted, for the lone-comma message.
std::string token_at(const std::filesystem::path& path, std::size_t pos) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(pos));
  const int c = in.get();
  return c == ',' || c == ']' || c == '}' ? fmt::format("'{}'", static_cast<char>(c))
                                          : std::string("text");
}

void parse(LoadContext& ctx, Reading& r, const std::filesystem::path& path) {
  BoundedFile file(path, std::min(r.options.max_file_bytes, r.bytes_left));
  if (!file.is_open()) {
    ctx.diags.error({ctx.files.back(), 0, 0},
                    fmt::format("cannot read the file: {}", std::strerror(errno)));
    return;
  }
  FileReader reader(ctx, scan_list_sizes(path));
  TreeBuilder builder(reader);
  try {
    YAML::Parser parser(file.stream());
    while (!builder.stalled() && parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own cap (500 levels) says only "bad file"; the builder has
    // usually said why already, at its lower cap.
    ctx.file_broken = true;
    if (!builder.aborted()) {
      ctx.diags.error({ctx.files.back(), static_cast<std::uint32_t>(e.mark.line + 1),
                       static_cast<std::uint32_t>(e.mark.column + 1)},
                      "invalid YAML: nested too deeply");
    }
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports syntax errors by throwing; they are the user's, so
    // they become diagnostics here, at the library's boundary.
    ctx.file_broken = true;
    ctx.diags.error({ctx.files.back(), static_cast<std::uint32_t>(e.mark.line + 1),
                     static_cast<std::uint32_t>(e.mark.column + 1)},
                    "invalid YAML: " + yaml_message(e.msg, starts_with_tab(path, e.mark.line)));
  }
  if (builder.stalled()) {
    const YAML::Mark& at = builder.stalled_at();
    ctx.file_broken = true;
    ctx.diags.error({ctx.files.back(), static_cast<std::uint32_t>(at.line + 1),
                     static_cast<std::uint32_t>(at.column + 1)},
                    fmt::format("invalid YAML: unexpected {} here (',', ']' and '}}' belong "
                                "inside [...] or {{...}}; quote a value that starts with one)",
                                token_at(path, static_cast<std::size_t>(at.pos))));
  }
  builder.finish();
  r.bytes_left -= std::min(r.bytes_left, file.bytes_read());
  if (file.exceeded()) {
    ctx.file_broken = true;
    ctx.diags.error({ctx.files.back(), 0, 0},
                    "the file grew past the size limit while it was read: the rest is not read");
  }
}

void load_file(LoadContext& ctx, Reading& r, const std::filesystem::path& path, std::string shown,
               bool workspace) {
  ctx.files.push_back(std::move(shown));
  ctx.workspace_file = workspace;
  ctx.file_broken = false;
  ctx.file_errors = {};
  if (within_size_limits(ctx, r, path)) {
    parse(ctx, r, path);
  } else {
    ctx.file_broken = true;
  }
  finish_file_entries(ctx);
  if (ctx.file_errors.dropped > 0) {
    ctx.diags.error({ctx.files.back(), 0, 0},
                    fmt::format("{} more errors in this file are not shown: fix the first ones "
                                "and validate again",
                                ctx.file_errors.dropped));
  }
}

void report_glob(LoadContext& ctx, const IncludePattern& inc, const GlobResult& found) {
  for (const std::string& link : found.outside) {
    ctx.diags.error(inc.location,
                    fmt::format("include pattern '{}' reaches '{}', a symlink to a place outside "
                                "the workspace folder: roster files must live inside it (copy "
                                "the file in, or remove the link)",
                                inc.pattern, link));
  }
  if (!found.limit.empty()) {
    ctx.diags.error(inc.location,
                    fmt::format("include pattern '{}' is too broad: {}; name the folders "
                                "(roster/*.yaml) instead",
                                inc.pattern, found.limit));
  } else if (found.matches.empty() && found.outside.empty()) {
    ctx.diags.error(inc.location, fmt::format("include pattern '{}' matches no file", inc.pattern));
  }
}

void load_includes(LoadContext& ctx, Reading& r) {
  for (const IncludePattern& inc : ctx.includes) {
    if (!is_contained_pattern(inc.pattern)) {
      ctx.diags.error(inc.location,
                      fmt::format("include pattern '{}' must be a path inside the workspace "
                                  "folder: relative, without '..'",
                                  inc.pattern));
      continue;
    }
    const GlobResult found = expand_glob(r.root, inc.pattern);
    report_glob(ctx, inc, found);
    if (!found.limit.empty()) {
      continue;
    }
    for (const GlobMatch& m : found.matches) {
      if (!r.loaded.insert(m.canonical).second) {
        continue;
      }
      load_file(ctx, r, m.canonical, display(r.options, r.dir, m.rel), false);
    }
  }
}

CheckContext make_check(const LoadOptions& options, TimezoneDb& tz) {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return {options.today.value_or(now), &tz};
}

// The workspace file, resolved; reports (and returns nothing) when it is
// missing or a symlink to a file outside the workspace.
std::optional<std::filesystem::path> workspace_file(LoadContext& ctx, const Reading& r,
                                                    const std::string& shown) {
  std::error_code ec;
  const std::filesystem::path path = r.dir / k_workspace_file;
  if (!std::filesystem::is_regular_file(path, ec)) {
    ctx.diags.error({shown, 0, 0},
                    "no workspace file here: run rosterform in the folder that holds "
                    "rosterform.yaml, or name that folder (rosterform -chdir=DIR plan, "
                    "rosterform validate DIR)");
    return std::nullopt;
  }
  std::filesystem::path real = std::filesystem::canonical(path, ec);
  if (ec || !is_within(r.root, real)) {
    ctx.diags.error({shown, 0, 0},
                    "rosterform.yaml is a symlink to a file outside the workspace folder: the "
                    "workspace file must live in it (replace the link with the file)");
    return std::nullopt;
  }
  return real;
}

}  // namespace

LoadResult load_workspace(const std::filesystem::path& dir, const ResourceSchema& staff,
                          const ResourceSchema& clients, const LoadOptions& options) {
  TimezoneDb tz(options.tz_dir);
  LoadContext ctx(staff, clients, make_check(options, tz));
  ctx.api_versions = options.api_versions;
  ctx.state.root = dir.string();
  const std::string shown = display(options, dir, k_workspace_file);
  std::error_code ec;
  Reading r{dir,
            std::filesystem::weakly_canonical(std::filesystem::absolute(dir, ec), ec),
            options,
            options.max_workspace_bytes,
            {}};
  const auto real = workspace_file(ctx, r, shown);
  if (!real) {
    return {std::move(ctx.state), std::move(ctx.diags), std::move(ctx.files)};
  }
  r.loaded.insert(*real);
  load_file(ctx, r, *real, shown, true);
  if (!ctx.version_seen) {
    ctx.diags.error({shown, 1, 1}, "rosterform.yaml has no 'version': add 'version: 1' at the top");
  }
  check_default_state_path(ctx);
  load_includes(ctx, r);
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
