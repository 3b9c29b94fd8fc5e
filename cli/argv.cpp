#include "cli/argv.hpp"

#include <cctype>

namespace rosterform::cli {

namespace {
bool is_single_dash_long(const std::string& arg) {
  return arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
         std::isalpha(static_cast<unsigned char>(arg[1])) != 0 &&
         std::isalpha(static_cast<unsigned char>(arg[2])) != 0;
}
}  // namespace

std::vector<std::string> normalize_args(int argc, const char* const* argv) {
  std::vector<std::string> out;
  out.reserve(argc > 1 ? static_cast<std::size_t>(argc - 1) : 0U);
  bool literal = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (!literal && arg == "--") {
      literal = true;
    } else if (!literal && is_single_dash_long(arg)) {
      arg.insert(arg.begin(), '-');
    }
    out.push_back(std::move(arg));
  }
  return out;
}

}  // namespace rosterform::cli
