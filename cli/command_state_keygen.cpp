#include "cli/command_state_keygen.hpp"

#include <iostream>

#include <fmt/format.h>

#include "cli/exit_codes.hpp"
#include "state/state_key.hpp"

namespace rosterform::cli {

int run_state_keygen() {
  std::string text = state::generate_state_key();
  auto key = state::parse_state_key(text, "the new key");
  std::cout << text << "\n" << std::flush;
  std::cerr << fmt::format(
      "rosterform: store this key as a secret (e.g. the CI secret {}, or the variable "
      "state.key_env names in rosterform.yaml) and give it to every run of this workspace, "
      "never to the repository; a state or saved plan made with it cannot be read without it. "
      "Its fingerprint (what the state records): {}\n",
      state::k_default_state_key_env, key ? state::key_fingerprint(*key) : std::string("?"));
  return k_exit_ok;
}

}  // namespace rosterform::cli
