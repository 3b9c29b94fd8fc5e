#pragma once
// An environment variable's value, "" when it is unset: for the settings
// rosterform.yaml names by variable (api_key_env, conn_str_env) and the
// endpoint override, where unset and empty both mean "not given".

#include <cstdlib>
#include <string>

namespace rosterform::cli {

[[nodiscard]] inline std::string env_or_empty(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v != nullptr ? std::string(v) : std::string();
}

}  // namespace rosterform::cli
