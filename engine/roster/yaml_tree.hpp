#pragma once
// A compact, streaming view of one YAML document, built on yaml-cpp's event
// parser instead of YAML::Node.
//
// YAML::Node keeps every scalar of a file in a graph of shared pointers: a
// 20 MB roster costs about 800 MB and twice the parse time. The loader does
// not need the whole file at once: it needs one roster entry at a time, plus
// whatever anchors earlier parts of the file defined. So the TreeBuilder
// records events into a flat, pre-order node arena (a node is followed by its
// descendants; `size` counts the subtree) and hands the arena to a TreeSink
// whenever an element of a top-level `staff:`/`clients:` list is complete.
// The element is then dropped and its space reused, so memory stays at the
// size of one entry whatever the file size.
//
// Anchors: a node carrying `&name` is copied, when complete, into a second
// arena that lives for the whole document; an alias `*name` copies that
// subtree back in place. Consumers therefore never see aliases. Merge keys
// (`<<`) are left to the reader (see map_view.hpp), because their meaning is
// a mapping-level one.
//
// Bounds (a roster is untrusted input, e.g. from a pull request):
// - Copies are counted in bytes, not nodes (`k_max_copy_bytes`): text plus
//   the node records, for anchors and aliases alike. One 1 MB scalar aliased
//   4,000 times is 4 GB in four thousand nodes; a node count would call it
//   fine. Past the budget the rest of the file is not read.
// - Nesting is capped at `k_max_depth` levels (a roster needs five).
// - Every scalar (keys too) must be valid UTF-8: later stages, and Healthie's
//   JSON, assume it. A bad one is reported at the scalar, without its text,
//   and kept with its bad bytes replaced by '?' so the rest reads on.
// - yaml-cpp 0.7 spins for ever on a stray ',', ']' or '}' at the top level
//   of a document (see `stalled()`); the builder notices the spin at its
//   second turn and the loader stops calling the parser.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

namespace rosterform::engine::roster {

enum class NodeKind : std::uint8_t { null, scalar, map, seq };

struct Node {
  NodeKind kind = NodeKind::null;
  bool quoted = false;       // a scalar written in quotes (or a block scalar)
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based
  std::uint32_t size = 1;    // nodes in this subtree, itself included
  std::uint32_t text_offset = 0;
  std::uint32_t text_size = 0;
};

using NodeIndex = std::uint32_t;

// Nodes in pre-order plus the text of their scalars.
class NodeArena {
 public:
  [[nodiscard]] const Node& at(NodeIndex i) const { return m_nodes[i]; }
  [[nodiscard]] Node& at(NodeIndex i) { return m_nodes[i]; }
  [[nodiscard]] std::string_view text(NodeIndex i) const {
    const Node& n = m_nodes[i];
    return {m_text.data() + n.text_offset, n.text_size};
  }
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(m_nodes.size()); }

  NodeIndex add(Node node, std::string_view text = {});
  // Drops every node from `first` on (and the text they own).
  void truncate(NodeIndex first);
  // Appends a copy of `from`'s subtree at `root`; returns the new root.
  NodeIndex copy_subtree(const NodeArena& from, NodeIndex root);
  void clear() { truncate(0); }

  // Children of a container, in order: first child is root+1, the next is
  // the previous child plus its size.
  [[nodiscard]] std::vector<NodeIndex> children(NodeIndex parent) const;

 private:
  std::vector<Node> m_nodes;
  std::string m_text;
};

// What the TreeBuilder reports. Indexes are into the arena passed along;
// they are valid only during the call.
class TreeSink {
 public:
  virtual ~TreeSink() = default;
  // A top-level key whose value is a list starts: return true to receive its
  // elements one by one through on_item (they are dropped afterwards).
  virtual bool stream_items(const NodeArena& arena, NodeIndex key) = 0;
  virtual void on_item(const NodeArena& arena, NodeIndex key, NodeIndex item) = 0;
  // A top-level value is complete. A streamed list arrives empty.
  virtual void on_section(const NodeArena& arena, NodeIndex key, NodeIndex value) = 0;
  // The document's root is not a mapping (null for an empty document).
  virtual void on_root_not_map(const NodeArena& arena, NodeIndex root) = 0;
  // A problem found while building: unknown anchor, alias bomb, a second
  // document, invalid UTF-8, too deep. Line and column are 1-based.
  virtual void on_tree_error(std::uint32_t line, std::uint32_t column, std::string message) = 0;
};

class TreeBuilder final : public YAML::EventHandler {
 public:
  static constexpr std::size_t k_max_copy_bytes = 64U << 20U;  // 64 MiB
  static constexpr std::size_t k_max_depth = 32;

  explicit TreeBuilder(TreeSink& sink) : m_sink(sink) {}

  void OnDocumentStart(const YAML::Mark& mark) override;
  void OnDocumentEnd() override;
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;
  void OnSequenceEnd() override;
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;
  void OnMapEnd() override;

  [[nodiscard]] std::uint32_t documents() const { return m_documents; }

  // The parser made no progress: a document started where the previous one
  // did. Why this is exactly yaml-cpp 0.7's endless loop, and nothing else:
  //
  // Parser::HandleNextDocument returns true while tokens remain, and
  // SingleDocParser::HandleNode, at the root, consumes a token only when it
  // can start a node with it. A FLOW_ENTRY (','), FLOW_SEQ_END (']') or
  // FLOW_MAP_END ('}') outside any flow collection falls through its switch:
  // it emits a null document and leaves the token where it was. The next
  // call sees the same token and does the same, for ever (upstream issue
  // #1040, fixed after 0.7 by throwing). A document that consumed anything
  // consumed its first token, and every node yaml-cpp consumes holds at least
  // one token that spans a character (the zero-width ones, block starts and
  // ends and implicit keys, only bracket real ones), so the next document
  // starts strictly later. Two
  // starts at the same offset therefore mean "no token consumed", which the
  // parser, being deterministic, would repeat for ever. The check costs one
  // comparison per document and refuses nothing that yaml-cpp would parse;
  // a parse deadline instead would need a thread, could not stop the parser
  // (it only calls us back), and would make the verdict depend on the
  // machine's speed.
  [[nodiscard]] bool stalled() const { return m_stalled; }
  // A bound was crossed and the rest of the document is ignored.
  [[nodiscard]] bool aborted() const { return m_aborted; }
  [[nodiscard]] const YAML::Mark& stalled_at() const { return m_stall_mark; }

  // Reports what can only be judged once the parser is done (a second
  // document). Call once, after the last HandleNextDocument.
  void finish();

 private:
  struct Open {
    NodeIndex index;
    YAML::anchor_t anchor;
    std::uint32_t children;
    bool streamed;  // a top-level list whose elements go to on_item
  };
  struct Anchored {
    NodeIndex root = 0;
    bool defined = false;
  };

  [[nodiscard]] bool ignoring() const { return m_documents != 1 || m_aborted; }
  void open(const YAML::Mark& mark, NodeKind kind, YAML::anchor_t anchor);
  void close();
  void completed(NodeIndex index, YAML::anchor_t anchor);
  void remember_anchor(NodeIndex index, YAML::anchor_t anchor);
  // Adds a subtree of `bytes` to the copy budget; false (and the rest of the
  // file ignored) past it.
  bool charge_copy(const YAML::Mark& mark, std::size_t bytes);
  [[nodiscard]] static std::size_t subtree_bytes(const NodeArena& arena, NodeIndex root);

  TreeSink& m_sink;
  NodeArena m_arena;
  NodeArena m_anchors;
  std::vector<Anchored> m_anchor_roots;  // by anchor_t
  std::vector<Open> m_stack;
  NodeIndex m_section_key = 0;
  std::uint32_t m_documents = 0;
  std::size_t m_copy_bytes = 0;
  YAML::Mark m_document_mark;  // where the current document started
  YAML::Mark m_second_document;
  YAML::Mark m_stall_mark;
  bool m_aborted = false;
  bool m_stalled = false;
};

}  // namespace rosterform::engine::roster
