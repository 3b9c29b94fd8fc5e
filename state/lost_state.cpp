#include "state/lost_state.hpp"

#include <ctime>
#include <filesystem>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "state/command_hint.hpp"
#include "state/private_file.hpp"

namespace rosterform::state {

namespace fs = std::filesystem;

namespace {

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Empty or whitespace only, without reading a large state file twice.
bool is_blank_file(const std::string& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec || size > 64) {
    return false;  // unreadable: load() reports it
  }
  auto text = read_file(path);
  return text && blank(*text);
}

// The file's non-blank lines; none when it does not exist or is unreadable
// (a broken audit log is for `audit verify` to report, not for this check).
std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  if (path.empty() || !fs::exists(path)) {
    return out;
  }
  auto text = read_file(path);
  if (!text) {
    return out;
  }
  std::string_view rest = *text;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    if (!blank(line)) {
      out.emplace_back(line);
    }
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return out;
}

// "the audit log A records 3 earlier runs (the last: apply at T by W)".
std::string audit_evidence(const std::string& path) {
  std::vector<std::string> lines = lines_of(path);
  if (lines.empty()) {
    return {};
  }
  auto last = nlohmann::json::parse(lines.back(), nullptr, false);
  std::string what;
  if (last.is_object()) {
    what = fmt::format(" (the last: {} at {} by {})", last.value("operation", "?"),
                       last.value("time", "?"), last.value("actor", "?"));
  }
  return fmt::format("the audit log {} records {} earlier run{}{}", path, lines.size(),
                     lines.size() == 1 ? "" : "s", what);
}

std::string journal_evidence(const std::string& path) {
  std::size_t n = lines_of(path).size();
  if (n == 0) {
    return {};
  }
  return fmt::format("its journal {} holds {} change{} of an earlier apply", path, n,
                     n == 1 ? "" : "s");
}

}  // namespace

engine::Status check_state_not_lost(const StateFiles& files) {
  if (fs::exists(files.state) && !is_blank_file(files.state)) {
    return {};
  }
  bool empty = fs::exists(files.state);
  std::vector<std::string> evidence;
  for (std::string e : {journal_evidence(files.journal), audit_evidence(files.audit_log)}) {
    if (!e.empty()) {
      evidence.push_back(std::move(e));
    }
  }
  if (evidence.empty() && !empty) {
    return {};  // a first run: nothing was ever saved here
  }
  std::string why = evidence.empty()
                        ? std::string(
                              "rosterform never writes an empty state file (it replaces "
                              "it atomically), so it was damaged outside rosterform")
                        : fmt::format("{}: the state was lost", fmt::join(evidence, ", and "));
  return engine::fail(fmt::format(
      "the state file {} is {}, but {}.\nWithout it rosterform would start a new lineage: it "
      "would adopt every user the roster matches and no longer know which users it managed, so "
      "a user taken out of the roster since the last apply would be left active in Healthie "
      "instead of deactivated.\nRestore {} from a backup and run again; or, to start a new "
      "state deliberately, run: {}",
      files.state, empty ? "empty" : "missing", why, files.state, state_init_command(files.state)));
}

engine::Result<std::string> set_aside_lost_state(const StateFiles& files) {
  if (fs::exists(files.state) && !is_blank_file(files.state)) {
    return engine::fail(fmt::format(
        "a state already exists at {}; state init starts a state only where there is none (or "
        "it is empty). To start over, move {} away first",
        files.state, files.state));
  }
  std::error_code ec;
  fs::remove(files.state, ec);
  if (!fs::exists(files.journal)) {
    return std::string();
  }
  std::string aside =
      files.journal + ".lost-" + fmt::format("{:%Y%m%dT%H%M%SZ}", fmt::gmtime(std::time(nullptr)));
  fs::rename(files.journal, aside, ec);
  if (ec) {
    return engine::fail(
        fmt::format("cannot move the old journal {} aside: {}", files.journal, ec.message()));
  }
  return aside;
}

}  // namespace rosterform::state
