#include <doctest/doctest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/process_hygiene.hpp"

namespace {
// Runs forbid_core_dumps in a child (the rule is for the whole process, and
// must not leave this test binary undumpable); the child's exit code is 0
// when both the core limit and PR_GET_DUMPABLE are 0, 1 when both are left
// as they were.
int in_child(bool opt_in) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (opt_in)
      ::setenv(rosterform::cli::k_allow_core_dumps_env, "1", 1);
    else
      ::unsetenv(rosterform::cli::k_allow_core_dumps_env);
    struct rlimit before {};
    ::getrlimit(RLIMIT_CORE, &before);
    ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    if (!rosterform::cli::forbid_core_dumps().empty())
      ::_exit(3);
    struct rlimit now {};
    ::getrlimit(RLIMIT_CORE, &now);
    int dumpable = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    if (opt_in)
      ::_exit(now.rlim_cur == before.rlim_cur && dumpable == 1 ? 1 : 2);
    ::_exit(now.rlim_cur == 0 && now.rlim_max == 0 && dumpable == 0 ? 0 : 2);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
}  // namespace

TEST_CASE("process hygiene: core dumps are off unless ROSTERFORM_ALLOW_CORE_DUMPS=1") {
  CHECK(in_child(false) == 0);
  CHECK(in_child(true) == 1);
}
