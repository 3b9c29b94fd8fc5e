#include "state/lock_info.hpp"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "state/command_hint.hpp"

using namespace rosterform;

namespace {

state::LockInfo holder(long pid, std::string host) {
  return {"a1b2c3d4", "alice@ws", std::move(host), pid, "apply", "2026-12-01T09:00:00Z", ""};
}

long dead_pid() {
  pid_t child = ::fork();
  if (child == 0) {
    ::_exit(0);
  }
  ::waitpid(child, nullptr, 0);
  return static_cast<long>(child);
}

}  // namespace

TEST_CASE("lock info: a holder's process is known only on its own host") {
  CHECK(state::holder_process(holder(::getpid(), state::current_host())) ==
        state::HolderProcess::running);
  CHECK(state::holder_process(holder(dead_pid(), state::current_host())) ==
        state::HolderProcess::gone);
  CHECK(state::holder_process(holder(::getpid(), "elsewhere-7")) == state::HolderProcess::unknown);
  CHECK(state::holder_process(holder(0, state::current_host())) == state::HolderProcess::unknown);
}

TEST_CASE("lock info: force-unlock refuses a holder still running on this host") {
  state::LockInfo live = holder(::getpid(), state::current_host());
  auto r = state::refuse_if_running(live, ".rosterform/state.json");
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "lock a1b2c3d4 is held by a run that is still going on this host (pid " +
            std::to_string(::getpid()) + "):\n" + state::describe(live) +
            "\nReleasing it would let two runs change Healthie and the state at once. Wait for it "
            "to finish, or stop it; if you are sure it no longer uses the state, run: rosterform "
            "force-unlock -force a1b2c3d4");
  CHECK(state::refuse_if_running(holder(dead_pid(), state::current_host()), "s.json"));
  CHECK(state::refuse_if_running(holder(::getpid(), "elsewhere-7"), "s.json"));
}
