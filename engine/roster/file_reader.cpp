#include "engine/roster/file_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "engine/roster/entry_reader.hpp"
#include "engine/roster/suggest.hpp"
#include "engine/roster/workspace_settings.hpp"

namespace rosterform::engine::roster {

namespace {
std::optional<Kind> list_kind(std::string_view name) {
  if (name == "staff") {
    return Kind::staff;
  }
  if (name == "clients") {
    return Kind::client;
  }
  return std::nullopt;
}

std::string_view list_name(Kind kind) {
  return kind == Kind::staff ? "staff" : "clients";
}
}  // namespace

bool FileReader::stream_items(const NodeArena& arena, NodeIndex key) {
  if (arena.at(key).kind != NodeKind::scalar) {
    return false;
  }
  auto kind = list_kind(arena.text(key));
  if (!kind) {
    return false;
  }
  std::size_t& expected = *kind == Kind::staff ? m_hint.staff : m_hint.clients;
  std::vector<DesiredUser>& users = m_ctx.users(*kind);
  users.reserve(users.size() + expected);
  m_ctx.of(*kind).info.reserve(users.size() + expected);
  expected = 0;  // a second list of the same kind is a duplicate key anyway
  return true;
}

void FileReader::on_item(const NodeArena& arena, NodeIndex key, NodeIndex item) {
  read_entry(m_ctx, *list_kind(arena.text(key)), arena, item);
}

bool FileReader::first_time(const NodeArena& arena, NodeIndex key) {
  const std::string_view name = arena.text(key);
  auto [it, fresh] = m_seen_keys.try_emplace(std::string(name), m_ctx.at(arena.at(key)));
  if (fresh) {
    return true;
  }
  m_ctx.sink().error(arena.at(key),
                     fmt::format("duplicate top-level key '{}': it is already at line {}, "
                                 "column {}; merge the two into one",
                                 name, it->second.line, it->second.column));
  return false;
}

void FileReader::declare(Kind kind, const NodeArena& arena, NodeIndex key, NodeIndex value) {
  const Node& node = arena.at(value);
  const std::string_view name = list_name(kind);
  if (node.kind == NodeKind::null) {
    m_ctx.sink().error(node, fmt::format("'{0}' has no value: write '{0}: []' to manage no {0} "
                                         "at all, or remove the key to leave {0} unmanaged",
                                         name));
    return;
  }
  if (node.kind != NodeKind::seq) {
    m_ctx.sink().error(node, fmt::format("'{}' must be a list (one '- ' per {}), not {}", name,
                                         entry_noun(kind), describe_kind(node.kind)));
    return;
  }
  KindContext& kc = m_ctx.of(kind);
  if (kind == Kind::staff) {
    m_ctx.state.staff_declared = true;
  } else {
    m_ctx.state.clients_declared = true;
  }
  if (!kc.declared_at.known()) {
    kc.declared_at = m_ctx.at(arena.at(key));
  }
  // Streamed lists arrive empty; a list that came whole (an alias such as
  // `clients: *all`) is read here.
  for (NodeIndex item : arena.children(value)) {
    read_entry(m_ctx, kind, arena, item);
  }
}

void FileReader::on_section(const NodeArena& arena, NodeIndex key, NodeIndex value) {
  const Node& k = arena.at(key);
  const std::string_view name = arena.text(key);
  if (k.kind != NodeKind::scalar) {
    m_ctx.sink().error(k, "top-level keys must be plain names such as 'clients'");
    return;
  }
  if (!first_time(arena, key)) {
    return;
  }
  if (auto kind = list_kind(name)) {
    declare(*kind, arena, key, value);
  } else if (name == "defaults") {
    read_defaults(m_ctx, arena, value);
    m_ctx.defaults_pending = false;
  } else if (name.starts_with("x-")) {
    // Ignored: holds anchors for the rest of the file.
  } else if (m_ctx.workspace_file && read_workspace_section(m_ctx, name, arena, value)) {
    // Read.
  } else if (!m_ctx.workspace_file &&
             std::find(workspace_sections().begin(), workspace_sections().end(), name) !=
                 workspace_sections().end()) {
    m_ctx.sink().error(
        k, fmt::format("'{}' belongs in rosterform.yaml, not in an included file", name));
  } else {
    std::vector<std::string_view> known = {"staff", "clients", "defaults"};
    if (m_ctx.workspace_file) {
      known.insert(known.begin(), workspace_sections().begin(), workspace_sections().end());
    }
    unknown_key(arena, key, m_ctx.sink(),
                m_ctx.workspace_file ? "rosterform.yaml" : "a roster file", known);
  }
}

void FileReader::on_root_not_map(const NodeArena& arena, NodeIndex root) {
  const Node& node = arena.at(root);
  if (node.kind == NodeKind::null) {
    return;  // an empty document declares nothing
  }
  m_ctx.sink().error(node, fmt::format("a roster file must be a mapping with keys such as "
                                       "'staff:' and 'clients:', not {}",
                                       describe_kind(node.kind)));
}

void FileReader::on_tree_error(std::uint32_t line, std::uint32_t column, std::string message) {
  m_ctx.diags.error({m_ctx.files.back(), line, column}, std::move(message));
}

}  // namespace rosterform::engine::roster
