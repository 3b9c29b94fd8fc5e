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

// The status a mutation sets ("true"/"false"), if it sets one.
std::optional<std::string_view> status_of(const engine::Mutation& m) {
  auto id = schema_for(m.kind).id_of("active");
  return id ? m.fields.get(*id) : std::nullopt;
}

std::vector<engine::FieldId> ids_of(const Record& r) {
  std::vector<engine::FieldId> out;
  for (const auto& [id, value] : r.fields())
    out.push_back(id);
  return out;
}

// The fields of `from` that `carrier` takes (or every other one).
Record carried_by(const Record& from, Kind kind, Carrier carrier, bool wanted = true) {
  Record out;
  for (const auto& [id, value] : from.fields()) {
    if ((field_row(kind, id).carrier == carrier) == wanted)
      out.set(id, value);
  }
  return out;
}

// createClient and updateClient both answer with the client's `user`.
MutationCall client_call(Document doc, std::string variables, const PlanContext& ctx) {
  MutationCall call;
  call.result_key = "user";
  call.decode = client_decoder(ctx.staff_emails);
  call.doc = std::move(doc);
  call.variables = std::move(variables);
  return call;
}

MutationCall client_create_call(const engine::Mutation& m, std::string variables,
                                const PlanContext& ctx) {
  MutationCall call = client_call(create_client(ctx.shape), std::move(variables), ctx);
  const StaffEmails* staff = ctx.staff_emails;
  call.settle = single_lookup(client_search(ctx.shape), search_variables(Kind::client, m.fields),
                              [identity = m.fields, staff](const JsonDocument& doc) {
                                return find_client(doc, identity, *staff);
                              });
  return call;
}

MutationCall client_update_call(std::string variables, const std::string& user_id, Record wanted,
                                const PlanContext& ctx) {
  MutationCall call = client_call(update_client(ctx.shape), std::move(variables), ctx);
  return with_verify(std::move(call), user_by_id(ctx.shape), user_id, "user", std::move(wanted),
                     client_schema(), client_decoder(ctx.staff_emails));
}

ChainStep client_status_step(bool active, const PlanContext& ctx) {
  Record wanted;
  wanted.set(*client_schema().id_of("active"), active ? "true" : "false");
  std::vector<engine::FieldId> carried = ids_of(wanted);
  return {active ? "unarchive client" : "archive client",
          [active, wanted, ctx](const RemoteUser& so_far) -> Step {
            return std::optional<MutationCall>(client_update_call(
                set_active_input(so_far.user_id, active), so_far.user_id, wanted, ctx));
          },
          std::move(carried)};
}

// A client's chain. createClient has no `active`: a client the roster wants
// archived is created, then archived. A revived client is unarchived before
// its fields change; an archived one has them changed first, while Healthie
// still lets them change.
std::vector<ChainStep> client_steps(const engine::Mutation& m, const PlanContext& ctx) {
  Record fields = carried_by(m.fields, Kind::client, Carrier::client_status, false);
  std::optional<std::string_view> status = status_of(m);
  std::vector<ChainStep> steps;
  if (status == "true" && m.op == engine::MutationKind::update)
    steps.push_back(client_status_step(true, ctx));
  if (m.op == engine::MutationKind::create) {
    steps.push_back({"create client",
                     [m, ctx](const RemoteUser&) -> Step {
                       auto vars = create_client_input(m, ctx.resolve);
                       if (!vars)
                         return tl::unexpected(vars.error());
                       return std::optional<MutationCall>(
                           client_create_call(m, std::move(*vars), ctx));
                     },
                     ids_of(fields)});
  } else if (!fields.empty()) {
    steps.push_back({"update client",
                     [m, fields, ctx](const RemoteUser& so_far) -> Step {
                       auto vars = update_client_input(m, so_far.user_id, ctx.resolve);
                       if (!vars)
                         return tl::unexpected(vars.error());
                       return std::optional<MutationCall>(
                           client_update_call(std::move(*vars), so_far.user_id, fields, ctx));
                     },
                     ids_of(fields)});
  }
  if (status == "false")
    steps.push_back(client_status_step(false, ctx));
  return steps;
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

ChainStep profile_step(const engine::Mutation& m, Record profile, const PlanContext& ctx,
                       bool creating) {
  std::vector<engine::FieldId> carried = ids_of(profile);
  return {"profile update",
          [m, profile, ctx, creating](const RemoteUser& so_far) -> Step {
            auto vars = member_profile_input(m, so_far.user_id, creating);
            if (!vars)
              return std::optional<MutationCall>();
            return std::optional<MutationCall>(
                profile_call(std::move(*vars), so_far.user_id, profile, ctx.shape));
          },
          std::move(carried)};
}

ChainStep membership_step(const engine::Mutation& m, Record membership, const PlanContext& ctx,
                          bool creating) {
  std::vector<engine::FieldId> carried = ids_of(membership);
  return {"membership update",
          [m, membership, ctx, creating](const RemoteUser& so_far) -> Step {
            auto vars = membership_input(m, so_far.membership_id, creating, ctx.resolve);
            if (!vars)
              return tl::unexpected(vars.error());
            if (!*vars)
              return std::optional<MutationCall>();
            Record wanted = membership;
            if (creating) {
              wanted = Record();
              wanted.set(*staff_schema().id_of("is_admin"), "true");
            }
            return std::optional<MutationCall>(
                membership_call(std::move(**vars), so_far.membership_id, wanted, ctx.shape));
          },
          std::move(carried)};
}

// A staff member's chain. Healthie keeps profile fields
// (updateOrganizationMember) and membership fields (org_role, is_admin,
// active: updateOrganizationMembership) behind separate mutations. A new
// member: create, then the profile fields and admin flag
// createOrganizationMembership does not take, with the ids the create
// returned. A revived member is reactivated before its profile changes; a
// deactivated one has its profile changed first, then the membership call
// deactivates it and hands its clients over.
std::vector<ChainStep> member_steps(const engine::Mutation& m, const PlanContext& ctx) {
  const bool creating = m.op == engine::MutationKind::create;
  Record profile = carried_by(m.fields, Kind::staff, Carrier::membership, false);
  Record membership = carried_by(m.fields, Kind::staff, Carrier::membership);
  std::vector<ChainStep> steps;
  if (creating) {
    steps.push_back({"create membership",
                     [m, ctx](const RemoteUser&) -> Step {
                       return std::optional<MutationCall>(create_member_call(m, ctx));
                     },
                     {}});
    steps.push_back(profile_step(m, std::move(profile), ctx, true));
    steps.push_back(membership_step(m, std::move(membership), ctx, true));
    return steps;
  }
  bool membership_first = status_of(m) == "true";
  bool any_membership = !membership.empty() || !m.receiver.empty();
  if (membership_first)
    steps.push_back(membership_step(m, membership, ctx, false));
  if (!profile.empty())
    steps.push_back(profile_step(m, std::move(profile), ctx, false));
  if (!membership_first && any_membership)
    steps.push_back(membership_step(m, std::move(membership), ctx, false));
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
  PlannedMutation p;
  p.label = m.key;  // engine::label ("client.mrn-1", "client.id:2001"): names the kind, no PHI
  for (const auto& [id, value] : m.fields.fields()) {
    if (schema_for(m.kind).at(id).sensitivity != engine::Sensitivity::plain)
      p.phi_values.emplace_back(value);
  }
  switch (m.kind) {
    case Kind::client:
      p.steps = client_steps(m, ctx);
      break;
    case Kind::staff:
      p.steps = member_steps(m, ctx);
      break;
  }
  p.first_step = m.first_step;
  p.start.kind = m.kind;
  p.start.user_id = m.user_id;
  p.start.membership_id = m.membership_id;
  return p;
}

}  // namespace rosterform::healthie
