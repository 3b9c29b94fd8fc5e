#pragma once
// The plan as a pull-request comment: the summary line and any guard-rail
// refusal first, then drift, then changes grouped by action, then the
// unmanaged count. The whole comment fits in `limit` characters (GitHub's
// 65,536 by default): when it cannot, it is cut between changes and ends
// with "N more changes not shown". Sensitive values are never shown.

#include <cstddef>
#include <string>

#include "engine/plan/plan.hpp"
#include "engine/render/render_options.hpp"

namespace rosterform::engine::render {

inline constexpr std::size_t k_markdown_limit = 65536;

[[nodiscard]] std::string render_markdown(const Plan& plan, const RenderOptions& options,
                                          std::size_t limit = k_markdown_limit);

}  // namespace rosterform::engine::render
