#pragma once
// How many entries a file's top-level `staff:` and `clients:` lists hold,
// guessed from the text before the YAML parser runs, so the DesiredState
// vectors can be sized once. Growing a vector of 100,000 users by doubling
// holds the old and the new buffer at once: a third of the loader's peak
// memory. The guess is only a capacity hint; a wrong one (flow style,
// aliases, odd indentation) costs a reallocation, never a wrong result.

#include <cstddef>
#include <filesystem>

namespace rosterform::engine::roster {

struct ListSizeHint {
  std::size_t staff = 0;
  std::size_t clients = 0;
  bool defaults = false;  // the file has a top-level `defaults:`
};

// Counts block-sequence items ("- " at the indentation of a section's first
// item) under the top-level keys `staff:` and `clients:`.
[[nodiscard]] ListSizeHint scan_list_sizes(const std::filesystem::path& path);

}  // namespace rosterform::engine::roster
