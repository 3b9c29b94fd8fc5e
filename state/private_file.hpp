#pragma once
// State, saved plans and logs hold data about patients. They are written
// readable by their owner only (0600), and replaced atomically so that a
// crash or a kill -9 leaves either the old file or the new one, never half.

#include <string>
#include <string_view>

#include "engine/result.hpp"

namespace rosterform::state {

// Writes `contents` to `path` via a temporary file in the same directory:
// write, fsync, rename over `path`, fsync the directory. Mode 0600.
engine::Status write_private_file_atomic(const std::string& path, std::string_view contents);

// Appends `line` to `path` (created 0600 if absent, made 0600 if not) and fsyncs it before
// returning, so an appended journal or audit record survives a crash.
engine::Status append_private_line(const std::string& path, std::string_view line);

// Reads the whole file. A missing file is an error whose message says so.
engine::Result<std::string> read_file(const std::string& path);

}  // namespace rosterform::state
