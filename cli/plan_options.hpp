#pragma once
// What plan and apply share on the command line: how errors are printed,
// how the human plan is coloured, and the options that shape a plan
// (-target and the one-rule guard overrides). Declared once so both
// commands spell them the same way.

#include <string_view>

#include "engine/plan/diff.hpp"
#include "engine/render/render_options.hpp"

namespace CLI {
class App;
}

namespace rosterform::cli {

// Prints "rosterform: error: MESSAGE" and returns the error exit code.
int report_error(std::string_view message);

// Whether NO_COLOR asks for no colour: set and not empty, as
// https://no-color.org says (NO_COLOR= leaves colour on).
[[nodiscard]] bool no_color_requested();

// Options for the human plan: colour only for a person at a terminal who has
// not asked for none (-no-color, or NO_COLOR).
[[nodiscard]] engine::render::RenderOptions human_render_options(bool no_color,
                                                                 bool show_sensitive);

// -target and one override per guard rule: -allow-mass-deactivation,
// -allow-protected-deactivation, -allow-orphaned-clients, -allow-mass-update,
// -allow-mass-reassignment, -allow-no-admin.
void add_plan_shaping_options(CLI::App& sub, engine::PlanOptions& plan);

}  // namespace rosterform::cli
