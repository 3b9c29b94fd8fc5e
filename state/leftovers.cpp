#include "state/leftovers.hpp"

#include <filesystem>
#include <system_error>
#include <vector>

#include "state/local_backend.hpp"

namespace rosterform::state {

namespace fs = std::filesystem;

void remove_interrupted_saves(const LocalBackend& backend) {
  fs::path state(backend.path());
  fs::path dir = state.parent_path().empty() ? fs::path(".") : state.parent_path();
  std::string prefix = state.filename().string() + ".tmp-";
  std::error_code ec;
  std::vector<fs::path> litter;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.is_regular_file(ec) && !entry.is_symlink(ec)) {
      litter.push_back(entry.path());
    }
  }
  for (const fs::path& p : litter) {
    fs::remove(p, ec);  // best effort: a file that cannot go is only litter
  }
}

engine::Status fold_leftover_journal(LocalBackend& backend) {
  std::error_code ec;
  if (!fs::exists(backend.journal_path(), ec)) {
    return {};
  }
  auto folded = backend.load();
  if (!folded) {
    return {};
  }
  return backend.save(*folded);
}

}  // namespace rosterform::state
