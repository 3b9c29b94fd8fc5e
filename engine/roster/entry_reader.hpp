#pragma once
// Reading roster entries (one `staff:` or `clients:` element) and the
// `defaults:` section into the LoadContext. Field values are checked here,
// one at a time; rules that need the whole entry (required fields, the
// identity key) run when its file is complete, once defaults are known.

#include "engine/roster/load_context.hpp"
#include "engine/roster/yaml_tree.hpp"

namespace rosterform::engine::roster {

void read_entry(LoadContext& ctx, Kind kind, const NodeArena& arena, NodeIndex item);

// `defaults: {staff: {...}, clients: {...}}`. In rosterform.yaml they apply
// to every file; in an included file, to that file's entries, first.
void read_defaults(LoadContext& ctx, const NodeArena& arena, NodeIndex value);

// Reads one field value (the pair `field`) into `record`, reporting
// problems in `what` terms.
void read_field(LoadContext& ctx, Kind kind, FieldId id, std::string_view what,
                const NodeArena& arena, const MapPair& field, RecordBuilder& record);

// Fills the fields `fields` lacks from `defaults`.
void merge_defaults(RecordBuilder& fields, const RecordBuilder& defaults);
void merge_defaults(Record& fields, const RecordBuilder& defaults);

// Runs when a file is complete: merges defaults into its entries, checks
// required fields and computes each identity key.
void finish_file_entries(LoadContext& ctx);

}  // namespace rosterform::engine::roster
