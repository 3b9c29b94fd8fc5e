#include "engine/roster/yaml_tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/mark.h>

#include "engine/roster/utf8.hpp"

namespace rosterform::engine::roster {

namespace {
std::uint32_t one_based(int zero_based) {
  return zero_based < 0 ? 0U : static_cast<std::uint32_t>(zero_based) + 1U;
}
Node node_at(const YAML::Mark& mark, NodeKind kind) {
  Node n;
  n.kind = kind;
  n.line = one_based(mark.line);
  n.column = one_based(mark.column);
  return n;
}
}  // namespace

NodeIndex NodeArena::add(Node node, std::string_view text) {
  node.text_offset = static_cast<std::uint32_t>(m_text.size());
  node.text_size = static_cast<std::uint32_t>(text.size());
  m_text.append(text);
  m_nodes.push_back(node);
  return static_cast<NodeIndex>(m_nodes.size() - 1);
}

void NodeArena::truncate(NodeIndex first) {
  if (first >= m_nodes.size()) {
    return;
  }
  m_text.resize(m_nodes[first].text_offset);
  m_nodes.resize(first);
}

NodeIndex NodeArena::copy_subtree(const NodeArena& from, NodeIndex root) {
  const auto first = static_cast<NodeIndex>(m_nodes.size());
  const std::uint32_t count = from.at(root).size;
  for (std::uint32_t i = 0; i < count; ++i) {
    add(from.at(root + i), from.text(root + i));
  }
  return first;
}

std::vector<NodeIndex> NodeArena::children(NodeIndex parent) const {
  std::vector<NodeIndex> out;
  const NodeIndex end = parent + m_nodes[parent].size;
  for (NodeIndex child = parent + 1; child < end; child += m_nodes[child].size) {
    out.push_back(child);
  }
  return out;
}

void TreeBuilder::OnDocumentStart(const YAML::Mark& mark) {
  if (m_documents > 0 && mark.pos == m_document_mark.pos) {
    // No token consumed since the last start: the previous "document" was
    // the parser spinning on a token it cannot use (see stalled()).
    m_stalled = true;
    m_stall_mark = mark;
    --m_documents;
    return;
  }
  ++m_documents;
  m_document_mark = mark;
  if (m_documents == 2) {
    m_second_document = mark;
  }
}

void TreeBuilder::finish() {
  if (m_documents >= 2) {
    m_sink.on_tree_error(one_based(m_second_document.line), one_based(m_second_document.column),
                         "a roster file holds one YAML document: remove the second '---' "
                         "or move that part to a file of its own");
  }
}

void TreeBuilder::OnDocumentEnd() {
  m_arena.clear();
  m_stack.clear();
}

void TreeBuilder::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (ignoring()) {
    return;
  }
  completed(m_arena.add(node_at(mark, NodeKind::null)), anchor);
}

void TreeBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                           const std::string& value) {
  if (ignoring()) {
    return;
  }
  Node n = node_at(mark, NodeKind::scalar);
  // yaml-cpp tags plain scalars "?" and quoted or block scalars "!".
  n.quoted = tag == "!";
  if (const std::size_t bad = first_invalid_utf8(value); bad != value.size()) {
    m_sink.on_tree_error(n.line, n.column,
                         fmt::format("this value is not valid UTF-8 (byte {} of it; the value is "
                                     "not shown): save the file as UTF-8",
                                     bad + 1));
    completed(m_arena.add(n, replace_invalid_utf8(value)), anchor);
    return;
  }
  completed(m_arena.add(n, value), anchor);
}

void TreeBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (ignoring()) {
    return;
  }
  if (anchor >= m_anchor_roots.size() || !m_anchor_roots[anchor].defined) {
    m_sink.on_tree_error(one_based(mark.line), one_based(mark.column),
                         "this alias refers to a node that contains it: an alias must "
                         "refer to a node that is complete");
    completed(m_arena.add(node_at(mark, NodeKind::null)), 0);
    return;
  }
  const NodeIndex source = m_anchor_roots[anchor].root;
  if (!charge_copy(mark, subtree_bytes(m_anchors, source))) {
    return;
  }
  const NodeIndex copy = m_arena.copy_subtree(m_anchors, source);
  // Problems in the copy are reported where the alias stands.
  m_arena.at(copy).line = one_based(mark.line);
  m_arena.at(copy).column = one_based(mark.column);
  completed(copy, 0);
}

void TreeBuilder::OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/,
                                  YAML::anchor_t anchor, YAML::EmitterStyle::value /*style*/) {
  if (!ignoring()) {
    open(mark, NodeKind::seq, anchor);
  }
}

void TreeBuilder::OnSequenceEnd() {
  if (!ignoring()) {
    close();
  }
}

void TreeBuilder::OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/,
                             YAML::anchor_t anchor, YAML::EmitterStyle::value /*style*/) {
  if (!ignoring()) {
    open(mark, NodeKind::map, anchor);
  }
}

void TreeBuilder::OnMapEnd() {
  if (!ignoring()) {
    close();
  }
}

void TreeBuilder::open(const YAML::Mark& mark, NodeKind kind, YAML::anchor_t anchor) {
  if (m_stack.size() >= k_max_depth) {
    m_sink.on_tree_error(one_based(mark.line), one_based(mark.column),
                         fmt::format("the YAML here nests deeper than {} levels (a roster needs "
                                     "five): the rest of the file is not read",
                                     k_max_depth));
    m_aborted = true;
    return;
  }
  const NodeIndex index = m_arena.add(node_at(mark, kind));
  bool streamed = false;
  // A list that is the value of a top-level key (the root map has an odd
  // number of complete children: the key).
  if (kind == NodeKind::seq && m_stack.size() == 1 &&
      m_arena.at(m_stack[0].index).kind == NodeKind::map && m_stack[0].children % 2 == 1) {
    streamed = m_sink.stream_items(m_arena, m_section_key);
  }
  m_stack.push_back({index, anchor, 0, streamed});
}

void TreeBuilder::close() {
  const Open top = m_stack.back();
  m_stack.pop_back();
  m_arena.at(top.index).size = m_arena.size() - top.index;
  completed(top.index, top.anchor);
}

void TreeBuilder::completed(NodeIndex index, YAML::anchor_t anchor) {
  if (anchor != 0) {
    remember_anchor(index, anchor);
  }
  if (m_stack.empty()) {
    if (m_arena.at(index).kind != NodeKind::map) {
      m_sink.on_root_not_map(m_arena, index);
    }
    m_arena.clear();
    return;
  }
  Open& parent = m_stack.back();
  ++parent.children;
  if (m_stack.size() == 1 && m_arena.at(parent.index).kind == NodeKind::map) {
    if (parent.children % 2 == 1) {
      m_section_key = index;
    } else {
      m_sink.on_section(m_arena, m_section_key, index);
      m_arena.truncate(m_section_key);
    }
  } else if (m_stack.size() == 2 && parent.streamed) {
    m_sink.on_item(m_arena, m_section_key, index);
    m_arena.truncate(index);
  }
}

void TreeBuilder::remember_anchor(NodeIndex index, YAML::anchor_t anchor) {
  if (anchor >= m_anchor_roots.size()) {
    m_anchor_roots.resize(anchor + 1);
  }
  YAML::Mark mark;
  mark.line = static_cast<int>(m_arena.at(index).line) - 1;
  mark.column = static_cast<int>(m_arena.at(index).column) - 1;
  if (charge_copy(mark, subtree_bytes(m_arena, index))) {
    m_anchor_roots[anchor] = {m_anchors.copy_subtree(m_arena, index), true};
  }
}

std::size_t TreeBuilder::subtree_bytes(const NodeArena& arena, NodeIndex root) {
  const Node& first = arena.at(root);
  const Node& last = arena.at(root + first.size - 1);
  const std::size_t text = last.text_offset + last.text_size - first.text_offset;
  return text + std::size_t{first.size} * sizeof(Node);
}

bool TreeBuilder::charge_copy(const YAML::Mark& mark, std::size_t bytes) {
  m_copy_bytes += bytes;
  if (m_copy_bytes <= k_max_copy_bytes) {
    return true;
  }
  m_sink.on_tree_error(one_based(mark.line), one_based(mark.column),
                       fmt::format("anchors and aliases in this file copy more than {} MiB: the "
                                   "rest of the file is not read (is it an alias bomb?)",
                                   k_max_copy_bytes >> 20U));
  m_aborted = true;
  return false;
}

}  // namespace rosterform::engine::roster
