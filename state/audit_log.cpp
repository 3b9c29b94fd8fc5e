#include "state/audit_log.hpp"

#include <ctime>
#include <filesystem>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "state/crypto.hpp"
#include "state/lock_info.hpp"
#include "state/private_file.hpp"

namespace rosterform::state {

namespace {

using nlohmann::ordered_json;

const std::string k_genesis(64, '0');

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return lines;
}

ordered_json to_json(const AuditEntry& e, const std::string& prev) {
  ordered_json changes = ordered_json::array();
  for (const AuditChange& c : e.changes) {
    changes.push_back({{"address", c.address},
                       {"user_id", c.user_id.empty() ? ordered_json() : ordered_json(c.user_id)},
                       {"action", c.action},
                       {"fields", c.fields},
                       {"result", c.result}});
  }
  return {{"time", e.time},
          {"actor", e.actor},
          {"operation", e.operation},
          {"plan_hash", e.plan_hash},
          {"commit", e.commit.empty() ? ordered_json() : ordered_json(e.commit)},
          {"changes", changes},
          {"result", e.result},
          {"prev", prev}};
}

// The hash covers the line as written minus its own `hash` member.
std::string content_hash(ordered_json line) {
  line.erase("hash");
  return sha256_hex(line.dump());
}

}  // namespace

std::string chained_line(AuditEntry entry, std::string_view prev_line) {
  if (entry.time.empty()) {
    entry.time = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
  }
  if (entry.actor.empty()) {
    entry.actor = current_actor();
  }
  ordered_json line = to_json(entry, prev_line.empty() ? k_genesis : sha256_hex(prev_line));
  line["hash"] = content_hash(line);
  return line.dump();
}

engine::Result<AuditVerification> verify_chain(
    const std::vector<std::string_view>& lines,
    const std::function<std::string(std::size_t)>& where) {
  AuditVerification result;
  std::string prev = k_genesis;
  for (std::string_view raw : lines) {
    ++result.lines;
    ordered_json line = ordered_json::parse(raw, nullptr, false);
    if (line.is_discarded() || !line.is_object()) {
      return engine::fail(
          fmt::format("{}: not a JSON object; the log was damaged", where(result.lines)));
    }
    if (line.value("prev", std::string()) != prev) {
      return engine::fail(fmt::format(
          "{}: chain broken: 'prev' does not match the line before; a line was changed, "
          "inserted or removed",
          where(result.lines)));
    }
    if (line.value("hash", std::string()) != content_hash(line)) {
      return engine::fail(fmt::format(
          "{}: hash mismatch: this line was changed after it was written", where(result.lines)));
    }
    prev = sha256_hex(raw);
  }
  result.last_hash = prev;
  return result;
}

engine::Status AuditLog::append(AuditEntry entry) {
  std::string prev;
  if (std::filesystem::exists(m_path)) {
    auto text = read_file(m_path);
    if (!text) {
      return tl::unexpected(text.error());
    }
    auto lines = split_lines(*text);
    if (!lines.empty()) {
      prev = std::string(lines.back());
    }
  } else {
    std::error_code ec;
    auto dir = std::filesystem::path(m_path).parent_path();
    if (!dir.empty()) {
      std::filesystem::create_directories(dir, ec);
    }
  }
  return append_private_line(m_path, chained_line(std::move(entry), prev));
}

engine::Result<AuditVerification> AuditLog::verify() const {
  auto text = read_file(m_path);
  if (!text) {
    return tl::unexpected(text.error());
  }
  return verify_chain(split_lines(*text),
                      [this](std::size_t n) { return fmt::format("{}:{}", m_path, n); });
}

}  // namespace rosterform::state
