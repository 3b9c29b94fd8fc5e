#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "state/audit_log.hpp"
#include "state/private_file.hpp"
#include "support/temp_dir.hpp"

using namespace rosterform;

namespace {
state::AuditEntry entry(const std::string& plan_hash) {
  state::AuditEntry e;
  e.time = "2026-11-27T10:00:00Z";
  e.actor = "alice@ci";
  e.operation = "apply";
  e.plan_hash = plan_hash;
  e.commit = "0123456789abcdef0123456789abcdef01234567";
  e.changes.push_back({"client.mrn-1", "2001", "update", {"phone_number"}, "succeeded"});
  e.result = "succeeded";
  return e;
}
}  // namespace

TEST_CASE("an untouched audit log verifies and reports its last hash") {
  testing::TempDir dir;
  state::AuditLog log(dir.file(".rosterform/audit.jsonl"));
  REQUIRE(log.append(entry("p1")));
  REQUIRE(log.append(entry("p2")));
  auto v = log.verify();
  REQUIRE(v);
  CHECK(v->lines == 2U);
  CHECK(v->last_hash.size() == 64U);
  struct stat st {};
  stat(log.path().c_str(), &st);
  CHECK((st.st_mode & 0777U) == 0600U);
  // Field names only: the log never holds values.
  auto text = state::read_file(log.path()).value();
  CHECK(text.find("\"fields\":[\"phone_number\"]") != std::string::npos);
}

TEST_CASE("an audit line records each change's Healthie user id and the workspace's commit") {
  testing::TempDir dir;
  state::AuditLog log(dir.file("audit.jsonl"));
  state::AuditEntry e = entry("p1");
  e.changes.push_back({"client at roster/clients.yaml:9", "", "create", {"email"}, "failed"});
  REQUIRE(log.append(e));
  e.commit.clear();
  REQUIRE(log.append(e));
  auto text = state::read_file(log.path()).value();
  CHECK(text.find("\"commit\":\"0123456789abcdef0123456789abcdef01234567\"") != std::string::npos);
  CHECK(text.find("\"commit\":null") != std::string::npos);
  CHECK(text.find("{\"address\":\"client.mrn-1\",\"user_id\":\"2001\",") != std::string::npos);
  CHECK(text.find("{\"address\":\"client at roster/clients.yaml:9\",\"user_id\":null,") !=
        std::string::npos);
  CHECK(log.verify());
}

TEST_CASE("an edited line breaks the chain at that line") {
  testing::TempDir dir;
  state::AuditLog log(dir.file("audit.jsonl"));
  REQUIRE(log.append(entry("p1")));
  REQUIRE(log.append(entry("p2")));
  REQUIRE(log.append(entry("p3")));
  std::string text = state::read_file(log.path()).value();
  auto at = text.find("\"p2\"");
  text.replace(at, 4, "\"pX\"");
  std::ofstream(log.path(), std::ios::binary | std::ios::trunc) << text;
  auto v = log.verify();
  REQUIRE_FALSE(v);
  CHECK(v.error().message ==
        log.path() + ":2: hash mismatch: this line was changed after it was written");
}

TEST_CASE("a removed line breaks the chain at the line after it") {
  testing::TempDir dir;
  state::AuditLog log(dir.file("audit.jsonl"));
  REQUIRE(log.append(entry("p1")));
  REQUIRE(log.append(entry("p2")));
  REQUIRE(log.append(entry("p3")));
  std::istringstream in(state::read_file(log.path()).value());
  std::string l1;
  std::string l2;
  std::string l3;
  std::getline(in, l1);
  std::getline(in, l2);
  std::getline(in, l3);
  std::ofstream(log.path(), std::ios::binary | std::ios::trunc) << l1 << "\n" << l3 << "\n";
  auto v = log.verify();
  REQUIRE_FALSE(v);
  CHECK(v.error().message == log.path() +
                                 ":2: chain broken: 'prev' does not match the line before; a "
                                 "line was changed, inserted or removed");
}
