#pragma once

#include <string_view>

namespace rosterform::engine {

// Set by CMake from project(VERSION ...).
inline constexpr std::string_view k_version = ROSTERFORM_VERSION;

}  // namespace rosterform::engine
