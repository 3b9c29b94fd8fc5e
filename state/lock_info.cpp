#include "state/lock_info.hpp"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <cstdlib>

#include <fmt/format.h>

namespace rosterform::state {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}
}  // namespace

std::string describe(const LockInfo& info) {
  return fmt::format(
      "  ID:        {}\n  Who:       {}\n  Host:      {} (pid {})\n  Operation: {}\n  Created:   {}",
      info.id, info.who, info.host, info.pid, info.operation, info.created);
}

std::string current_actor() {
  if (!env("GITHUB_ACTIONS").empty()) {
    return fmt::format("github-actions:{}/{}#{}", env("GITHUB_REPOSITORY"), env("GITHUB_WORKFLOW"),
                       env("GITHUB_RUN_ID"));
  }
  if (!env("GITLAB_CI").empty()) {
    return fmt::format("gitlab-ci:{}#{}", env("CI_PROJECT_PATH"), env("CI_JOB_ID"));
  }
  std::string user = env("USER");
  if (user.empty()) {
    const passwd* pw = getpwuid(getuid());
    user = pw != nullptr ? pw->pw_name : "unknown";
  }
  std::array<char, 256> host{};
  gethostname(host.data(), host.size() - 1);
  std::string actor = fmt::format("{}@{}", user, host.data());
  if (!env("CI").empty()) {
    actor = "ci:" + actor;
  }
  return actor;
}

}  // namespace rosterform::state
