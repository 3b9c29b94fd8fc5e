#pragma once
// One change, or one drifted user, as a Markdown list item: the pieces of
// the pull-request comment (markdown.hpp) that are cut whole, never inside.
// Masked as every renderer is (mask.hpp).

#include <string>
#include <string_view>

#include "engine/plan/plan.hpp"
#include "engine/render/render_options.hpp"

namespace rosterform::engine::render {

// Inline code that survives any value: backticks become quotes, and table
// and newline characters are flattened.
[[nodiscard]] std::string markdown_code(std::string_view s);

// "- `client.mrn-1` (`client.id:2001`, `roster/clients.yaml:3`) — reason\n"
// then the changed fields and side effects as sub-items.
[[nodiscard]] std::string markdown_change(const Change& c, const RenderOptions& o);

// "- `client.id:2001`: phone_number changed outside rosterform\n".
[[nodiscard]] std::string markdown_drift(const Drift& d);

}  // namespace rosterform::engine::render
