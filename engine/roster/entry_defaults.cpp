// `defaults:` and what happens to a file's entries once it is read.
//
// Defaults fill fields an entry leaves out: the entry's own value wins, then
// the defaults of its file, then those of rosterform.yaml. Identity fields
// (email, names, record_identifier) can have no default: a default identity
// would make every entry the same person.

#include <fmt/format.h>

#include "engine/roster/entry_reader.hpp"
#include "engine/roster/identity.hpp"
#include "engine/warning_kinds.hpp"

namespace rosterform::engine::roster {

namespace {

constexpr std::array<std::string_view, 2> k_default_kinds = {"staff", "clients"};

void read_kind_defaults(LoadContext& ctx, Kind kind, const NodeArena& arena, NodeIndex value) {
  const std::string what = fmt::format("defaults.{}", kind == Kind::staff ? "staff" : "clients");
  const Node& node = arena.at(value);
  if (node.kind != NodeKind::map) {
    ctx.sink().error(node, fmt::format("'{}' must be a mapping of fields, not {}", what,
                                       describe_kind(node.kind)));
    return;
  }
  KindContext& kc = ctx.of(kind);
  RecordBuilder& target = ctx.workspace_file ? kc.workspace_defaults : kc.file_defaults;
  std::vector<MapPair> pairs;
  map_pairs(arena, value, ctx.sink(), what, pairs);
  for (const MapPair& p : pairs) {
    const std::string_view name = arena.text(p.key);
    auto id = kc.schema->id_of(name);
    if (!id) {
      if (name == "key" || name == "previously" || name == "reassign_clients_to") {
        ctx.sink().error(arena.at(p.key),
                         fmt::format("'{}' cannot have a default: it belongs to one entry", name));
      } else {
        unknown_key(arena, p.key, ctx.sink(), what, kc.known_keys);
      }
      continue;
    }
    if (kc.schema->at(*id).sensitivity == Sensitivity::identity) {
      ctx.sink().error(arena.at(p.key),
                       fmt::format("'{}' cannot have a default: it identifies a person", name));
      continue;
    }
    read_field(ctx, kind, *id, what, arena, p, target);
  }
}

std::string_view field(const DesiredUser& user, const ResourceSchema& schema,
                       std::string_view name) {
  return user.fields.value_or_empty(schema.id_of(name));
}

void check_required(LoadContext& ctx, const KindContext& kc, const DesiredUser& user,
                    std::uint32_t written) {
  for (std::size_t i = 0; i < kc.schema->fields.size(); ++i) {
    const FieldSpec& spec = kc.schema->fields[i];
    if (spec.required_on_create && !user.fields.has(static_cast<FieldId>(i)) &&
        (written & (1U << i)) == 0) {
      ctx.diags.error(user.location, fmt::format("{} is missing the required field '{}'",
                                                 entry_noun(user.kind), spec.name));
    }
  }
}

void compute_key(const KindContext& kc, DesiredUser& user) {
  const ResourceSchema& s = *kc.schema;
  if (user.kind == Kind::staff) {
    user.key = staff_key(field(user, s, "email"));
    return;
  }
  const std::string_view first = field(user, s, "first_name");
  const std::string_view last = field(user, s, "last_name");
  user.key = client_key(user.key, field(user, s, "record_identifier"), field(user, s, "email"),
                        first, last);
  // A former email becomes the key the client had under rule 3.
  for (std::string& previous : user.previously) {
    if (previous.find('@') != std::string::npos) {
      previous = client_key({}, {}, previous, first, last);
    }
  }
}

void finish_kind(LoadContext& ctx, Kind kind) {
  KindContext& kc = ctx.of(kind);
  std::vector<DesiredUser>& users = ctx.users(kind);
  auto provider = kc.schema->id_of("provider");
  for (std::size_t i = kc.first_of_file; i < users.size(); ++i) {
    DesiredUser& user = users[i];
    if (!kc.info[i].defaults_merged) {
      merge_defaults(user.fields, kc.file_defaults);
      merge_defaults(user.fields, kc.workspace_defaults);
    }
    // After a syntax error the file's last entry may be cut short: only
    // the syntax error is reported for it.
    if (ctx.file_broken) {
      compute_key(kc, user);
      continue;
    }
    check_required(ctx, kc, user, kc.info[i].written);
    if (kind == Kind::client && provider && ctx.state.policy.require_provider_for_clients &&
        !user.fields.has(*provider) && (kc.info[i].written & (1U << *provider)) == 0) {
      // A warning, not an error: Healthie holds clients without a provider,
      // and an entry that leaves `provider` out leaves it as it is. Only a
      // create needs one (Healthie would pick the key's user): plan refuses that.
      ctx.diags.warning(warning_kinds::no_provider, user.location,
                        fmt::format("client names no provider: {}", warning_kinds::no_provider.advice));
    }
    compute_key(kc, user);
  }
  kc.first_of_file = users.size();
  kc.file_defaults.clear();
}

}  // namespace

void merge_defaults(RecordBuilder& fields, const RecordBuilder& defaults) {
  for (const auto& [id, value] : defaults.fields()) {
    if (!fields.has(id)) {
      fields.set(id, value);
    }
  }
}

// Defaults written after the entries they apply to: rare, so the packed
// record is unpacked and packed again.
void merge_defaults(Record& fields, const RecordBuilder& defaults) {
  RecordBuilder b(fields);
  merge_defaults(b, defaults);
  fields = b.build();
}

void read_defaults(LoadContext& ctx, const NodeArena& arena, NodeIndex value) {
  const Node& node = arena.at(value);
  if (node.kind != NodeKind::map) {
    ctx.sink().error(node, fmt::format("'defaults' must be a mapping with 'staff:' and/or "
                                       "'clients:', not {}",
                                       describe_kind(node.kind)));
    return;
  }
  std::vector<MapPair> pairs;
  map_pairs(arena, value, ctx.sink(), "defaults", pairs);
  for (const MapPair& p : pairs) {
    const std::string_view name = arena.text(p.key);
    if (name == "staff") {
      read_kind_defaults(ctx, Kind::staff, arena, p.value);
    } else if (name == "clients") {
      read_kind_defaults(ctx, Kind::client, arena, p.value);
    } else {
      unknown_key(arena, p.key, ctx.sink(), "defaults", k_default_kinds);
    }
  }
}

void finish_file_entries(LoadContext& ctx) {
  finish_kind(ctx, Kind::staff);
  finish_kind(ctx, Kind::client);
}

}  // namespace rosterform::engine::roster
