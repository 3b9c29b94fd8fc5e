#pragma once
// What every plan renderer needs besides the plan: the schemas that name and
// classify fields, and the reader's choices.

#include "engine/resource_schema.hpp"

namespace rosterform::engine::render {

struct RenderOptions {
  const ResourceSchema* staff = nullptr;
  const ResourceSchema* client = nullptr;
  // ANSI colour in the human plan; the CLI decides (a TTY, no NO_COLOR, no
  // -no-color). Other formats ignore it.
  bool color = false;
  // -show-sensitive: reveal PHI values in the human plan only. The JSON and
  // Markdown renderers ignore it by construction.
  bool show_sensitive = false;

  [[nodiscard]] const ResourceSchema& schema(Kind kind) const {
    return kind == Kind::staff ? *staff : *client;
  }
};

}  // namespace rosterform::engine::render
