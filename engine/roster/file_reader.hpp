#pragma once
// Reads one roster file: receives the TreeBuilder's sections and entries and
// sends each to the reader that knows it. Top-level keys:
//
//   every file         defaults, staff, clients, and x-* (ignored: a place
//                      for anchors, as in docker-compose)
//   rosterform.yaml    also version, healthie, state, policy, include

#include <string>
#include <unordered_map>
#include <vector>

#include "engine/roster/list_size_hint.hpp"
#include "engine/roster/load_context.hpp"
#include "engine/roster/yaml_tree.hpp"

namespace rosterform::engine::roster {

class FileReader final : public TreeSink {
 public:
  FileReader(LoadContext& ctx, ListSizeHint hint) : m_ctx(ctx), m_hint(hint) {
    m_ctx.defaults_pending = hint.defaults;
  }

  bool stream_items(const NodeArena& arena, NodeIndex key) override;
  void on_item(const NodeArena& arena, NodeIndex key, NodeIndex item) override;
  void on_section(const NodeArena& arena, NodeIndex key, NodeIndex value) override;
  void on_root_not_map(const NodeArena& arena, NodeIndex root) override;
  void on_tree_error(std::uint32_t line, std::uint32_t column, std::string message) override;

 private:
  bool first_time(const NodeArena& arena, NodeIndex key);
  void declare(Kind kind, const NodeArena& arena, NodeIndex key, NodeIndex value);

  LoadContext& m_ctx;
  ListSizeHint m_hint;
  // For duplicates; hashed, as a hostile file may hold 100,000 top-level keys.
  std::unordered_map<std::string, SourceLocation> m_seen_keys;
};

}  // namespace rosterform::engine::roster
