#pragma once
// The roster loader: reads a workspace (rosterform.yaml and the files it
// includes) into the DesiredState the diff consumes, collecting every
// problem as a diagnostic instead of stopping at the first.
//
// Contract:
// - Reads `<dir>/rosterform.yaml`, then each file its `include:` globs match
//   (in pattern order, each pattern's matches sorted, each file once, by its
//   resolved path). Reads nothing outside `dir`, even through a symlink.
//   Touches no network and writes nothing.
// - `diagnostics` holds every error and warning, sorted by file, line and
//   column; paths are `display_dir` joined with the path inside the
//   workspace, so they read as the user typed the folder. No diagnostic
//   contains a client's field value (PHI); staff values other than the
//   phone number may appear.
// - When `diagnostics.has_errors()` is false, `state` is complete and
//   valid: every entry has its required fields, a unique identity `key`
//   (identity.hpp), defaults merged and values normalised (see
//   DesiredUser). Provider emails that no roster staff entry has are in
//   `state.external_staff_emails` for the plan to find in Healthie.
// - When it is true, `state` holds what could be read and must not be
//   planned from.
// - `staff_declared`/`clients_declared` tell a missing list (not managed)
//   from an empty one (managed, nobody listed; a warning says so).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/desired_state.hpp"
#include "engine/diagnostics.hpp"
#include "engine/resource_schema.hpp"

namespace rosterform::engine::roster {

inline constexpr std::string_view k_workspace_file = "rosterform.yaml";

// Input bounds (a roster is untrusted: anyone who can open a pull request
// writes it). 100,000 clients take about 22 MB; the caps leave room for
// several times that and keep the loader's time and memory bounded. See
// yaml_tree.hpp for the bounds on aliases and nesting, include_glob.hpp for
// those on include patterns.
inline constexpr std::size_t k_max_file_bytes = std::size_t{64} << 20U;        // 64 MiB
inline constexpr std::size_t k_max_workspace_bytes = std::size_t{256} << 20U;  // 256 MiB

struct LoadOptions {
  // Prefix for paths in diagnostics and locations; nullopt: `dir` as given.
  // An empty path gives paths relative to the workspace.
  std::optional<std::filesystem::path> display_dir;
  // "Today" for date-of-birth checks; nullopt: the current UTC date.
  std::optional<std::chrono::sys_days> today;
  // The tz database; empty: $TZDIR, else /usr/share/zoneinfo.
  std::filesystem::path tz_dir;
  // The API versions the provider supports (the provider's data, passed in
  // like its schemas): `healthie.api_version` must be one of them, else a
  // located error lists them. Empty: any date is accepted.
  std::span<const std::string_view> api_versions;
  // The input bounds; tests lower them.
  std::size_t max_file_bytes = k_max_file_bytes;
  std::size_t max_workspace_bytes = k_max_workspace_bytes;
};

struct LoadResult {
  DesiredState state;
  Diagnostics diagnostics;
  std::vector<std::string> files;  // display paths of the files read, in order
};

[[nodiscard]] LoadResult load_workspace(const std::filesystem::path& dir,
                                        const ResourceSchema& staff, const ResourceSchema& clients,
                                        const LoadOptions& options = {});

}  // namespace rosterform::engine::roster
