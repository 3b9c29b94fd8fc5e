#include "providers/healthie/mutation_plans.hpp"

#include "providers/healthie/json_text.hpp"
#include "providers/healthie/member_lookup.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::healthie {

namespace {

using engine::Kind;
using engine::MutationKind;
using engine::Record;
using engine::RemoteUser;
using simdjson::dom::element;
using Step = engine::Result<std::optional<MutationCall>>;

std::string field(const Record& r, const engine::ResourceSchema& schema, std::string_view name) {
  return std::string(r.value_or_empty(schema.id_of(name)));
}

// Whether `remote` already holds every value of `wanted` (emails compare
// case-insensitively, as Healthie matches them).
bool holds(const RemoteUser& remote, const Record& wanted, const engine::ResourceSchema& schema) {
  for (const auto& [id, value] : wanted.fields()) {
    std::string current(remote.fields.value_or_empty(id));
    bool email = schema.at(id).type == engine::FieldType::email;
    if (email ? lower(current) != lower(value) : current != value)
      return false;
  }
  return true;
}

// Baseline lists are arrays; connections hold theirs in `nodes`.
std::vector<element> rows(element list) {
  std::vector<element> out;
  element nodes;
  if (list.is_object() && list["nodes"].get(nodes) == simdjson::SUCCESS)
    list = nodes;
  if (!list.is_array())
    return out;
  for (element e : list.get_array())
    out.push_back(e);
  return out;
}

std::string id_variables(const std::string& id) {
  return JsonObject().string("id", id).str();
}

// After an unknown update: read the record by id and compare.
MutationCall with_verify(MutationCall call, Document lookup, std::string id, std::string data_key,
                         Record wanted, const engine::ResourceSchema& schema,
                         std::function<bool(element, RemoteUser&)> decode) {
  auto applied = [data_key, wanted, &schema,
                  decode](const JsonDocument& doc) -> std::optional<RemoteUser> {
    element record;
    RemoteUser user;
    if (!data_field(doc, data_key, record) || !record.is_object() || !decode(record, user))
      return std::nullopt;
    if (!holds(user, wanted, schema))
      return std::nullopt;
    return user;
  };
  call.settle = single_lookup(std::move(lookup), id_variables(id), std::move(applied));
  return call;
}

std::function<bool(element, RemoteUser&)> client_decoder(const StaffEmails* staff) {
  return [staff](element e, RemoteUser& out) { return decode_client(e, *staff, out); };
}

Step client_call(const engine::Mutation& m, const PlanContext& ctx) {
  const auto& schema = client_schema();
  MutationCall call;
  call.result_key = "user";
  call.decode = client_decoder(ctx.staff_emails);
  if (m.kind == MutationKind::create_client) {
    auto vars = create_client_input(m, ctx.resolve);
    if (!vars)
      return tl::unexpected(vars.error());
    call.doc = create_client(ctx.shape);
    call.variables = std::move(*vars);
    const StaffEmails* staff = ctx.staff_emails;
    call.settle = single_lookup(client_search(ctx.shape), search_variables(Kind::client, m.fields),
                                [identity = m.fields, staff](const JsonDocument& doc) {
                                  return find_client(doc, identity, *staff);
                                });
    return std::optional<MutationCall>(std::move(call));
  }
  Record wanted = m.fields;
  if (m.kind == MutationKind::update_client) {
    auto vars = update_client_input(m, ctx.resolve);
    if (!vars)
      return tl::unexpected(vars.error());
    call.variables = std::move(*vars);
  } else {
    bool active = m.kind == MutationKind::unarchive_client;
    call.variables = set_active_input(m.user_id, active);
    wanted = Record();
    wanted.set(*schema.id_of("active"), active ? "true" : "false");
  }
  call.doc = update_client(ctx.shape);
  return std::optional<MutationCall>(with_verify(std::move(call), user_by_id(ctx.shape), m.user_id,
                                                 "user", wanted, schema,
                                                 client_decoder(ctx.staff_emails)));
}

MutationCall profile_call(std::string variables, const std::string& user_id, Record wanted,
                          ApiShape shape) {
  MutationCall call;
  call.doc = update_member(shape);
  call.variables = std::move(variables);
  call.result_key = "user";
  call.decode = [](element e, RemoteUser& out) { return decode_member_user(e, out); };
  return with_verify(std::move(call), user_by_id(shape), user_id, "user", std::move(wanted),
                     staff_schema(), call.decode);
}

MutationCall membership_call(std::string variables, const std::string& membership_id, Record wanted,
                             ApiShape shape) {
  MutationCall call;
  call.doc = update_membership(shape);
  call.variables = std::move(variables);
  call.result_key = "organizationMembership";
  call.decode = [](element e, RemoteUser& out) { return decode_membership(e, out); };
  return with_verify(std::move(call), membership_by_id(shape), membership_id,
                     "organizationMembership", std::move(wanted), staff_schema(), call.decode);
}

Record only(const Record& from, bool membership) {
  Record out;
  for (const auto& [id, value] : from.fields()) {
    bool is_membership = field_row(Kind::staff, id).carrier == Carrier::membership;
    if (is_membership == membership)
      out.set(id, value);
  }
  return out;
}

MutationCall create_member_call(const engine::Mutation& m, const PlanContext& ctx) {
  MutationCall call;
  call.doc = create_membership(ctx.shape);
  call.variables = create_membership_input(m, ctx.caller->organization_id);
  call.result_key = "organizationMembership";
  call.decode = [](element e, RemoteUser& out) { return decode_membership(e, out); };
  // Deactivated members included: see member_lookup.hpp.
  call.settle = member_lookup(ctx.shape, ctx.caller->organization_id, m.fields);
  return call;
}

Step membership_step(const engine::Mutation& m, const PlanContext& ctx,
                     const std::string& membership_id, bool creating) {
  auto vars = membership_input(m, membership_id, creating, ctx.resolve);
  if (!vars)
    return tl::unexpected(vars.error());
  if (!*vars)
    return std::optional<MutationCall>();
  Record wanted = only(m.fields, true);
  if (creating) {
    wanted = Record();
    wanted.set(*staff_schema().id_of("is_admin"), "true");
  }
  return std::optional<MutationCall>(
      membership_call(std::move(**vars), membership_id, wanted, ctx.shape));
}

// A staff mutation's chain. A new member: create, then the profile fields
// and admin flag createOrganizationMembership does not take, with the ids
// the create returned.
std::vector<ChainStep> member_steps(const engine::Mutation& m, const PlanContext& ctx) {
  const bool creating = m.kind == MutationKind::create_member;
  auto user_id = [m, creating](const RemoteUser& so_far) {
    return creating ? so_far.user_id : m.user_id;
  };
  auto membership_id = [m, creating](const RemoteUser& so_far) {
    return creating ? so_far.membership_id : m.membership_id;
  };
  std::vector<ChainStep> steps;
  if (creating) {
    steps.push_back({"create membership", [m, ctx](const RemoteUser&) -> Step {
                       return std::optional<MutationCall>(create_member_call(m, ctx));
                     }});
  }
  if (creating || m.kind == MutationKind::update_member) {
    steps.push_back(
        {"profile update", [m, ctx, creating, user_id](const RemoteUser& so_far) -> Step {
           std::string id = user_id(so_far);
           auto vars = member_profile_input(m, id, creating);
           if (!vars)
             return std::optional<MutationCall>();
           return std::optional<MutationCall>(
               profile_call(std::move(*vars), id, only(m.fields, false), ctx.shape));
         }});
  }
  if (creating || m.kind == MutationKind::update_membership) {
    steps.push_back(
        {"membership update", [m, ctx, creating, membership_id](const RemoteUser& so_far) -> Step {
           return membership_step(m, ctx, membership_id(so_far), creating);
         }});
  }
  return steps;
}

}  // namespace

std::string search_variables(Kind kind, const Record& identity) {
  const auto& schema = kind == Kind::client ? client_schema() : staff_schema();
  // Healthie's keywords must all match; the email alone is the most precise.
  return JsonObject().string("keywords", field(identity, schema, "email")).str();
}

std::optional<RemoteUser> find_client(const JsonDocument& doc, const Record& identity,
                                      const StaffEmails& staff) {
  const auto& schema = client_schema();
  std::string email = lower(field(identity, schema, "email"));
  std::string first = field(identity, schema, "first_name");
  std::string last = field(identity, schema, "last_name");
  for (const char* list : {"active", "archived"}) {
    element data;
    if (!data_field(doc, list, data))
      continue;
    for (element e : rows(data)) {
      RemoteUser user;
      if (!decode_client(e, staff, user))
        continue;
      if (lower(field(user.fields, schema, "email")) == email &&
          field(user.fields, schema, "first_name") == first &&
          field(user.fields, schema, "last_name") == last)
        return user;
    }
  }
  return std::nullopt;
}

PlannedMutation plan_mutation(const engine::Mutation& m, const PlanContext& ctx) {
  bool client = m.kind == MutationKind::create_client || m.kind == MutationKind::update_client ||
                m.kind == MutationKind::archive_client || m.kind == MutationKind::unarchive_client;
  PlannedMutation p;
  p.label = m.key;  // engine::label ("client.mrn-1", "client.id:2001"): names the kind, no PHI
  for (const auto& [id, value] : m.fields.fields()) {
    const auto& spec = (client ? client_schema() : staff_schema()).at(id);
    if (spec.sensitivity != engine::Sensitivity::plain)
      p.phi_values.emplace_back(value);
  }
  if (client) {
    p.steps.push_back({std::string(engine::to_string(m.kind)),
                       [m, ctx](const RemoteUser&) { return client_call(m, ctx); }});
  } else {
    p.steps = member_steps(m, ctx);
  }
  return p;
}

}  // namespace rosterform::healthie
