#include "state/private_folder.hpp"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace rosterform::state {

namespace fs = std::filesystem;

namespace {

constexpr fs::perms k_group_other = fs::perms::group_all | fs::perms::others_all;

engine::Status set_mode(const fs::path& path, fs::perms mode, std::string_view what) {
  std::error_code ec;
  fs::permissions(path, mode, fs::perm_options::replace, ec);
  if (ec) {
    return engine::fail(fmt::format("cannot make {} private ({} {}): {}; it holds patient data",
                                    path.string(), what,
                                    mode == fs::perms::owner_all ? "0700" : "0600", ec.message()));
  }
  return {};
}

}  // namespace

engine::Status tighten_private_file(const std::string& path) {
  std::error_code ec;
  fs::file_status st = fs::symlink_status(path, ec);
  if (ec || !fs::is_regular_file(st) || (st.permissions() & k_group_other) == fs::perms::none) {
    return {};
  }
  return set_mode(path, fs::perms::owner_read | fs::perms::owner_write, "chmod");
}

engine::Status make_private_folder(const std::string& dir) {
  if (dir.empty()) {
    return {};
  }
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) {
      return engine::fail(fmt::format("cannot create {}: {}", dir, ec.message()));
    }
    return set_mode(dir, fs::perms::owner_all, "chmod");
  }
  if (fs::path(dir).filename() != k_own_folder_name) {
    return {};
  }
  fs::file_status st = fs::status(dir, ec);
  if (!ec && (st.permissions() & k_group_other) != fs::perms::none) {
    ROSTERFORM_TRY(set_mode(dir, fs::perms::owner_all, "chmod"));
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    ROSTERFORM_TRY(tighten_private_file(entry.path().string()));
  }
  return {};
}

}  // namespace rosterform::state
