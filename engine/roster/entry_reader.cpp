#include "engine/roster/entry_reader.hpp"

#include <fmt/format.h>

#include "engine/roster/identity.hpp"
#include "engine/roster/suggest.hpp"

namespace rosterform::engine::roster {

namespace {

void read_key(LoadContext& ctx, const NodeArena& arena, NodeIndex value, DesiredUser& user) {
  auto text = expect_scalar(arena, value, ctx.sink(), "field 'key' in client");
  if (!text) {
    return;
  }
  if (!is_valid_key(trim(*text))) {
    ctx.sink().error(arena.at(value),
                     "field 'key' in client must be 1 to 64 letters, digits, '.', '_' or '-'");
    return;
  }
  user.key = std::string(trim(*text));
  user.explicit_key = true;
}

void read_previous(LoadContext& ctx, Kind kind, const NodeArena& arena, NodeIndex node,
                   DesiredUser& user) {
  auto text = expect_scalar(arena, node, ctx.sink(),
                            fmt::format("an entry of 'previously' in {}", entry_noun(kind)));
  if (!text) {
    return;
  }
  const std::string_view v = trim(*text);
  if (kind == Kind::staff) {
    if (!is_email(v)) {
      ctx.sink().error(arena.at(node),
                       fmt::format("an entry of 'previously' in staff member must be a former "
                                   "email address (got '{}')",
                                   v));
      return;
    }
    user.previously.push_back(staff_key(v));
  } else if (v.find('@') != std::string_view::npos ? !is_email(v) : !is_valid_key(v)) {
    ctx.sink().error(arena.at(node),
                     "an entry of 'previously' in client must be a former key or a former "
                     "email address");
  } else {
    user.previously.emplace_back(v);  // turned into a key once the names are known
  }
}

void read_previously(LoadContext& ctx, Kind kind, const NodeArena& arena, NodeIndex value,
                     DesiredUser& user) {
  if (arena.at(value).kind == NodeKind::seq) {
    for (NodeIndex item : arena.children(value)) {
      read_previous(ctx, kind, arena, item, user);
    }
  } else {
    read_previous(ctx, kind, arena, value, user);
  }
}

void read_reassign(LoadContext& ctx, const NodeArena& arena, NodeIndex value, DesiredUser& user) {
  auto text =
      expect_scalar(arena, value, ctx.sink(), "field 'reassign_clients_to' in staff member");
  if (!text) {
    return;
  }
  if (!is_email(trim(*text))) {
    ctx.sink().error(arena.at(value),
                     fmt::format("field 'reassign_clients_to' in staff member must be the email "
                                 "address of a staff member (got '{}')",
                                 trim(*text)));
    return;
  }
  user.reassign_clients_to = staff_key(*text);
}

}  // namespace

void read_field(LoadContext& ctx, Kind kind, FieldId id, std::string_view what,
                const NodeArena& arena, const MapPair& field, RecordBuilder& record) {
  const NodeIndex value = field.value;
  const FieldSpec& spec = ctx.of(kind).schema->at(id);
  // The hot path: most values are fine, so the message is built only when
  // one is not.
  const auto subject = [&] { return fmt::format("field '{}' in {}", spec.name, what); };
  if (arena.at(value).kind == NodeKind::null) {
    // yaml-cpp places an empty value at the next token; the key is clearer.
    ctx.sink().error(arena.at(field.key),
                     subject() + " has no value: give one, or remove the line");
    return;
  }
  if (arena.at(value).kind != NodeKind::scalar) {
    (void)expect_scalar(arena, value, ctx.sink(), subject());
    return;
  }
  const std::string_view text = arena.text(value);
  std::string normal;
  auto problem = check_field(spec, text, arena.at(value).quoted, ctx.check, normal);
  if (!problem) {
    record.set(id, std::move(normal));
    return;
  }
  std::string message = subject() + " " + problem->phrase;
  if (may_show(kind, spec)) {
    message += problem->suggest
                   ? fmt::format(" (got '{}'; did you mean '{}'?)", trim(text), *problem->suggest)
                   : fmt::format(" (got '{}')", trim(text));
  }
  ctx.sink().error(arena.at(value), std::move(message));
}

void read_entry(LoadContext& ctx, Kind kind, const NodeArena& arena, NodeIndex item) {
  const Node& node = arena.at(item);
  const std::string_view noun = entry_noun(kind);
  if (node.kind != NodeKind::map) {
    ctx.sink().error(node, fmt::format("each {} must be a mapping of fields such as 'email: ...', "
                                       "not {}",
                                       noun, describe_kind(node.kind)));
    return;
  }
  KindContext& kc = ctx.of(kind);
  DesiredUser user;
  user.kind = kind;
  user.location = ctx.at(node);
  EntryInfo info{static_cast<std::uint32_t>(ctx.files.size() - 1), 0, 0, 0, false};
  map_pairs(arena, item, ctx.sink(), noun, ctx.scratch_pairs);
  for (const MapPair& p : ctx.scratch_pairs) {
    const std::string_view name = arena.text(p.key);
    if (auto id = kc.schema->id_of(name)) {
      info.written |= 1U << *id;
      read_field(ctx, kind, *id, noun, arena, p, ctx.scratch_fields);
      if (kc.schema->at(*id).type == FieldType::reference) {
        info.provider_line = arena.at(p.value).line;
        info.provider_column = arena.at(p.value).column;
      }
    } else if (name == "previously") {
      read_previously(ctx, kind, arena, p.value, user);
    } else if (name == "key" && kind == Kind::client) {
      read_key(ctx, arena, p.value, user);
    } else if (name == "reassign_clients_to" && kind == Kind::staff) {
      read_reassign(ctx, arena, p.value, user);
    } else {
      unknown_key(arena, p.key, ctx.sink(), noun, kc.known_keys);
    }
  }
  if (!ctx.defaults_pending) {
    merge_defaults(ctx.scratch_fields, kc.file_defaults);
    merge_defaults(ctx.scratch_fields, kc.workspace_defaults);
    info.defaults_merged = true;
  }
  // One packed block per record; the scratch keeps its capacity.
  user.fields = ctx.scratch_fields.build();
  ctx.scratch_fields.clear();
  ctx.users(kind).push_back(std::move(user));
  kc.info.push_back(info);
}

}  // namespace rosterform::engine::roster
