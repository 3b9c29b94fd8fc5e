#pragma once
// What the pieces of the loader share while one workspace loads: the
// schemas, the DesiredState being filled, the diagnostics, and per-file
// bookkeeping. Internal to engine/roster.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/desired_state.hpp"
#include "engine/diagnostics.hpp"
#include "engine/resource_schema.hpp"
#include "engine/roster/field_check.hpp"
#include "engine/roster/map_view.hpp"
#include "engine/roster/timezone_db.hpp"

namespace rosterform::engine::roster {

// Per-entry facts needed after the file is read, kept apart from
// DesiredUser so the contract with the diff stays small.
struct EntryInfo {
  std::uint32_t file = 0;
  std::uint32_t provider_line = 0;  // where `provider:` was written (0: defaults)
  std::uint32_t provider_column = 0;
  // Bit i: field i was written, even if its value was rejected (so a bad
  // email is not also reported as a missing one).
  std::uint32_t written = 0;
  bool defaults_merged = false;  // defaults were merged when it was read
};

struct IncludePattern {
  std::string pattern;
  SourceLocation location;
};

struct KindContext {
  const ResourceSchema* schema = nullptr;
  std::vector<std::string_view> known_keys;  // field names plus key/previously/...
  RecordBuilder workspace_defaults;
  RecordBuilder file_defaults;
  std::vector<EntryInfo> info;  // parallel to the DesiredUser list
  std::size_t first_of_file = 0;
  SourceLocation declared_at;  // the first `staff:`/`clients:` list
};

class LoadContext {
 public:
  LoadContext(const ResourceSchema& staff, const ResourceSchema& clients, CheckContext check);

  [[nodiscard]] KindContext& of(Kind kind) { return m_kinds[kind == Kind::staff ? 0 : 1]; }
  [[nodiscard]] std::vector<DesiredUser>& users(Kind kind) {
    return kind == Kind::staff ? state.staff : state.clients;
  }
  [[nodiscard]] FileSink sink() { return {files.back(), diags, &file_errors}; }
  [[nodiscard]] SourceLocation at(const Node& node) const {
    return {files.back(), node.line, node.column};
  }

  DesiredState state;
  Diagnostics diags;
  CheckContext check;
  std::span<const std::string_view> api_versions;  // LoadOptions::api_versions
  std::vector<std::string> files;  // display paths, in reading order
  bool workspace_file = false;     // reading rosterform.yaml
  bool version_seen = false;
  bool state_path_checked = false;  // `state.path` was read and found inside
  bool file_broken = false;         // the current file has a YAML syntax error
  ErrorBudget file_errors;          // of the current file
  // The current file has a `defaults:` not read yet: its entries get their
  // defaults when the file is complete rather than as they are read.
  bool defaults_pending = false;
  RecordBuilder scratch_fields;  // reused per entry, so each record is allocated once
  std::vector<IncludePattern> includes;
  std::vector<MapPair> scratch_pairs;  // reused per entry

 private:
  std::array<KindContext, 2> m_kinds;
};

// "staff member" or "client": how messages name one entry.
[[nodiscard]] std::string_view entry_noun(Kind kind);

// Whether a field's value may appear in a message: plain fields, and the
// identity of staff (workforce data). Client values are PHI.
[[nodiscard]] bool may_show(Kind kind, const FieldSpec& spec);

}  // namespace rosterform::engine::roster
