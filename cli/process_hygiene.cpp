#include "cli/process_hygiene.hpp"

#include <sys/resource.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace rosterform::cli {

std::string forbid_core_dumps() {
  const char* opt_in = std::getenv(k_allow_core_dumps_env);
  if (opt_in != nullptr && std::string_view(opt_in) == "1")
    return {};
  struct rlimit none {};
  if (::setrlimit(RLIMIT_CORE, &none) != 0)
    return std::string("could not disable core dumps (setrlimit): ") + std::strerror(errno);
#if defined(__linux__)
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    return std::string("could not disable core dumps (prctl): ") + std::strerror(errno);
#endif
  return {};
}

}  // namespace rosterform::cli
