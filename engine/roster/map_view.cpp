#include "engine/roster/map_view.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/roster/suggest.hpp"

namespace rosterform::engine::roster {

namespace {

constexpr int k_max_merge_depth = 8;

std::string quoted_key(std::string_view key) {
  return looks_like_name(key) ? fmt::format(" '{}'", key) : std::string();
}

// The keys of pairs[first..], for duplicate checks: a linear search while
// there are few (a roster entry has a dozen), a hash index past that, so a
// hostile mapping of 100,000 keys costs linear time, not quadratic.
class SeenKeys {
 public:
  SeenKeys(const NodeArena& arena, const std::vector<MapPair>& pairs, std::size_t first)
      : m_arena(arena), m_pairs(pairs), m_first(first), m_indexed(first) {}

  // The index in pairs of the pair whose key is `name`.
  std::optional<std::size_t> find(std::string_view name) {
    if (m_pairs.size() - m_first <= k_linear) {
      for (std::size_t i = m_first; i < m_pairs.size(); ++i) {
        if (m_arena.text(m_pairs[i].key) == name) {
          return i;
        }
      }
      return std::nullopt;
    }
    for (; m_indexed < m_pairs.size(); ++m_indexed) {
      m_index.try_emplace(m_arena.text(m_pairs[m_indexed].key), m_indexed);
    }
    auto it = m_index.find(name);
    return it == m_index.end() ? std::nullopt : std::optional(it->second);
  }

 private:
  static constexpr std::size_t k_linear = 32;
  const NodeArena& m_arena;
  const std::vector<MapPair>& m_pairs;
  std::size_t m_first;
  std::size_t m_indexed;
  std::unordered_map<std::string_view, std::size_t> m_index;
};

void collect(const NodeArena& arena, NodeIndex map, const FileSink& sink, std::string_view what,
             std::vector<MapPair>& out, int depth);

// Adds the pairs of the mapping(s) named by a `<<` value, below the
// explicit ones.
void merge_from(const NodeArena& arena, NodeIndex value, const FileSink& sink,
                std::string_view what, std::vector<MapPair>& out, int depth) {
  std::vector<NodeIndex> sources;
  if (arena.at(value).kind == NodeKind::map) {
    sources.push_back(value);
  } else if (arena.at(value).kind == NodeKind::seq) {
    sources = arena.children(value);
  }
  const bool all_maps = !sources.empty() &&
                        std::all_of(sources.begin(), sources.end(),
                                    [&](NodeIndex s) { return arena.at(s).kind == NodeKind::map; });
  if (!all_maps || depth >= k_max_merge_depth) {
    sink.error(arena.at(value),
               fmt::format("'<<' (merge) in {} needs a mapping or a list of mappings, such as "
                           "an alias '*common' of a mapping defined with '&common'",
                           what));
    return;
  }
  SeenKeys seen(arena, out, 0);
  for (NodeIndex source : sources) {
    std::vector<MapPair> merged;
    collect(arena, source, sink, what, merged, depth + 1);
    for (const MapPair& p : merged) {
      if (!seen.find(arena.text(p.key))) {
        out.push_back(p);
      }
    }
  }
}

void collect(const NodeArena& arena, NodeIndex map, const FileSink& sink, std::string_view what,
             std::vector<MapPair>& out, int depth) {
  const std::size_t first = out.size();
  SeenKeys seen(arena, out, first);
  std::vector<NodeIndex> merges;
  const NodeIndex end = map + arena.at(map).size;
  NodeIndex child = map + 1;
  while (child < end) {
    const NodeIndex key = child;
    const NodeIndex value = key + arena.at(key).size;
    child = value + arena.at(value).size;
    const Node& k = arena.at(key);
    if (k.kind != NodeKind::scalar) {
      sink.error(k, fmt::format("{} has a key that is {}: keys must be plain field names", what,
                                describe_kind(k.kind)));
      continue;
    }
    const std::string_view name = arena.text(key);
    if (name == "<<" && !k.quoted) {
      merges.push_back(value);
      continue;
    }
    if (auto dup = seen.find(name)) {
      const Node& was = arena.at(out[*dup].key);
      sink.error(k, fmt::format("duplicate key{} in {}: it is already set at line {}, column {}; "
                                "remove one of them",
                                quoted_key(name), what, was.line, was.column));
      continue;
    }
    out.push_back({key, value});
  }
  for (NodeIndex value : merges) {
    merge_from(arena, value, sink, what, out, depth);
  }
}

}  // namespace

void map_pairs(const NodeArena& arena, NodeIndex map, const FileSink& sink, std::string_view what,
               std::vector<MapPair>& out) {
  out.clear();
  collect(arena, map, sink, what, out, 0);
}

std::string_view describe_kind(NodeKind kind) {
  switch (kind) {
    case NodeKind::null:
      return "empty";
    case NodeKind::scalar:
      return "a single value";
    case NodeKind::map:
      return "a mapping";
    case NodeKind::seq:
      return "a list";
  }
  return "?";
}

std::optional<std::string_view> expect_scalar(const NodeArena& arena, NodeIndex node,
                                              const FileSink& sink, std::string_view subject) {
  const Node& n = arena.at(node);
  if (n.kind == NodeKind::scalar) {
    return arena.text(node);
  }
  if (n.kind == NodeKind::null) {
    sink.error(n, fmt::format("{} has no value: give one, or remove the line", subject));
  } else {
    sink.error(n, fmt::format("{} must be a single value, not {}", subject, describe_kind(n.kind)));
  }
  return std::nullopt;
}

void unknown_key(const NodeArena& arena, NodeIndex key, const FileSink& sink, std::string_view what,
                 std::span<const std::string_view> known) {
  const std::string_view name = arena.text(key);
  if (!looks_like_name(name)) {
    sink.error(arena.at(key),
               fmt::format("unknown field in {} (not repeated here: it does not look like a field "
                           "name); check the indentation",
                           what));
    return;
  }
  if (auto near = did_you_mean(name, known)) {
    sink.error(arena.at(key),
               fmt::format("unknown field '{}' in {} (did you mean '{}'?)", name, what, *near));
    return;
  }
  std::string list;
  for (std::string_view k : known) {
    list += list.empty() ? "" : ", ";
    list += k;
  }
  sink.error(arena.at(key),
             fmt::format("unknown field '{}' in {}: the fields are {}", name, what, list));
}

}  // namespace rosterform::engine::roster
