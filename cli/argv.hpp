#pragma once
// Terraform users type `-auto-approve` and `-out=plan.bin`; CLI11 reads a
// single dash as a run of short flags. We accept both spellings by rewriting
// single-dash long options to double-dash before parsing.

#include <string>
#include <vector>

namespace rosterform::cli {

// Returns argv[1..] with every `-word...` (a dash followed by two or more
// characters, the first a letter) rewritten to `--word...`. Arguments after a
// bare `--` are left alone.
[[nodiscard]] std::vector<std::string> normalize_args(int argc, const char* const* argv);

}  // namespace rosterform::cli
