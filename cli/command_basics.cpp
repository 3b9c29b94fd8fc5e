#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "engine/version.hpp"

namespace rosterform::cli {

CommandFn define_not_implemented(CLI::App& sub) {
  // Accept any arguments so that the message is the same however it is called.
  sub.allow_extras();
  std::string name = sub.get_name();
  return [name] {
    std::cerr << fmt::format("rosterform: error: '{}' is not implemented yet\n", name);
    return k_exit_error;
  };
}

CommandFn define_version(CLI::App& sub) {
  (void)sub;
  return [] {
    std::cout << fmt::format("rosterform v{}\n", engine::k_version);
    return k_exit_ok;
  };
}

}  // namespace rosterform::cli
