#pragma once
// Reading mappings and scalars out of a NodeArena, with YAML's merge keys.
//
// `<<: *base` (or `<<: [*a, *b]`) copies the pairs of the named mappings
// into this one; keys written explicitly win, and among merged mappings the
// earlier one wins (YAML 1.1's merge type). Merges nest. A key written twice
// in one mapping is an error, as YAML says it is: silently keeping the last
// would hide a mistake in a roster.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostics.hpp"
#include "engine/roster/yaml_tree.hpp"

namespace rosterform::engine::roster {

struct MapPair {
  NodeIndex key;
  NodeIndex value;
};

// How many errors one file may add before the rest are only counted: a
// hostile file of millions of unknown keys must not become millions of
// messages (and a gigabyte of them).
struct ErrorBudget {
  std::size_t left = 1000;
  std::size_t dropped = 0;
};

// Where diagnostics about one file go.
struct FileSink {
  const std::string& file;
  Diagnostics& diags;
  ErrorBudget* budget = nullptr;  // nullptr: unlimited

  [[nodiscard]] SourceLocation at(const Node& node) const { return {file, node.line, node.column}; }
  void error(const Node& node, std::string message) const {
    if (budget != nullptr && budget->left == 0) {
      ++budget->dropped;
      return;
    }
    if (budget != nullptr) {
      --budget->left;
    }
    diags.error(at(node), std::move(message));
  }
};

// Fills `out` with the pairs of mapping `map`, merges resolved. `what` names
// the mapping in messages ("client", "policy").
void map_pairs(const NodeArena& arena, NodeIndex map, const FileSink& sink, std::string_view what,
               std::vector<MapPair>& out);

// "a mapping", "a list", "no value": how a node that should be a single
// value was written.
[[nodiscard]] std::string_view describe_kind(NodeKind kind);

// The text of a scalar; otherwise reports "`subject` must be a single value,
// not a list" (or "has no value") and returns nullopt.
[[nodiscard]] std::optional<std::string_view> expect_scalar(const NodeArena& arena, NodeIndex node,
                                                            const FileSink& sink,
                                                            std::string_view subject);

// Reports an unknown key with a did-you-mean, or the list of known keys.
// Keys that do not look like names are not repeated (they may be PHI).
void unknown_key(const NodeArena& arena, NodeIndex key, const FileSink& sink, std::string_view what,
                 std::span<const std::string_view> known);

}  // namespace rosterform::engine::roster
