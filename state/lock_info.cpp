#include "state/lock_info.hpp"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>

#include <fmt/format.h>

#include "state/command_hint.hpp"

namespace rosterform::state {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}
}  // namespace

std::string describe(const LockInfo& info) {
  std::string text = fmt::format(
      "  ID:        {}\n  Who:       {}\n  Host:      {} (pid {})\n  Operation: {}\n  Created:   {}",
      info.id, info.who, info.host, info.pid, info.operation, info.created);
  if (!info.session.empty()) {
    text += "\n  Session:   " + info.session;
  }
  return text;
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
  std::string actor = fmt::format("{}@{}", user, current_host());
  if (!env("CI").empty()) {
    actor = "ci:" + actor;
  }
  return actor;
}

std::string current_host() {
  std::array<char, 256> host{};
  gethostname(host.data(), host.size() - 1);
  return host.data();
}

HolderProcess holder_process(const LockInfo& info) {
  if (info.host != current_host() || info.pid <= 0) {
    return HolderProcess::unknown;
  }
  // EPERM: the process exists but belongs to someone else; still running.
  if (::kill(static_cast<pid_t>(info.pid), 0) == 0 || errno != ESRCH) {
    return HolderProcess::running;
  }
  return HolderProcess::gone;
}

engine::Status refuse_if_running(const LockInfo& holder, const std::string& state_path) {
  if (holder_process(holder) != HolderProcess::running) {
    return {};
  }
  return engine::fail(fmt::format(
      "lock {} is held by a run that is still going on this host (pid {}):\n{}\nReleasing it "
      "would let two runs change Healthie and the state at once. Wait for it to finish, or stop "
      "it; if you are sure it no longer uses the state, run: {}",
      holder.id, holder.pid, describe(holder), force_unlock_command(state_path, holder.id, true)));
}

std::string lock_not_held_message(const std::string& id) {
  return fmt::format(
      "cannot release lock {}: it is no longer held by this run (it was forced open?)", id);
}

std::string not_locked_message(const std::string& location) {
  return location + " is not locked; nothing to unlock";
}

std::string lock_id_mismatch_message(const std::string& id, const std::string& where,
                                     const LockInfo& holder) {
  return fmt::format("lock ID '{}' does not match the lock held on {}:\n{}\nPass the ID shown above.",
                     id, where, describe(holder));
}

std::string no_holder_message(const std::string& lock_path, const std::string& state_path,
                              const std::string& modified) {
  return fmt::format(
      "the state is locked, but the lock file {} is empty (last written {}): a run was killed "
      "while taking the lock, before it could record itself, so no holder or ID is known.\nIf no "
      "other run is using the state, clear it with: {}",
      lock_path, modified, force_unlock_command(state_path, k_no_holder_id));
}

}  // namespace rosterform::state
