#include "providers/healthie/documents.hpp"

#include <algorithm>
#include <stdexcept>

#include "providers/healthie/resource_schema.hpp"

namespace rosterform::healthie {

namespace {

// Every leaf comes from the field table (resource_schema.hpp), per shape,
// between the id and updated_at every record carries (updated_at changes
// type between shapes, not name).
std::string with_id(const std::string& leaves) {
  return "id " + leaves + " updated_at";
}

std::string client_leaves(ApiShape shape) {
  return with_id(selection_of(engine::Kind::client, Source::user, shape));
}

std::string staff_user_leaves(ApiShape shape) {
  return with_id(selection_of(engine::Kind::staff, Source::user, shape));
}

// A user read by id may be either kind: every leaf of both, once (by the
// key the decoder reads).
std::string any_user_leaves(ApiShape shape) {
  std::string out = client_leaves(shape);
  const auto clients = field_table(engine::Kind::client);
  for (const HealthieField& f : field_table(engine::Kind::staff)) {
    auto same_key = [&f](const HealthieField& c) { return c.key == f.key; };
    if (f.source == Source::user && std::none_of(clients.begin(), clients.end(), same_key))
      out += " " + selected(f, shape);
  }
  return out;
}

std::string membership_selection(ApiShape shape) {
  return "id " + selection_of(engine::Kind::staff, Source::membership, shape) + " user { " +
         staff_user_leaves(shape) + " }";
}

Document query(std::string name, std::string text, std::string probe = "{}") {
  return Document{std::move(name), std::move(text), false, {}, std::move(probe), std::nullopt};
}

// $input is declared non-null even where Healthie's argument is nullable
// (a non-null variable fits a nullable argument): a document sent without
// it, as `doctor` does, is then refused while variables are coerced, before
// anything executes (docs/provider.md, "doctor").
Document mutation(std::string name, std::string root, MutationInput input, std::string payload) {
  std::string text = "mutation " + name + "($input: " + std::string(input_type_name(input)) +
                     "!) { " + root + "(input: $input) { " + payload +
                     " messages { field message } } }";
  return Document{std::move(name), std::move(text), true, std::move(root), "{}", input};
}

}  // namespace

std::string client_fields(ApiShape shape) {
  return client_leaves(shape);
}
std::string staff_user_fields(ApiShape shape) {
  return staff_user_leaves(shape);
}
int client_node_cost(ApiShape shape) {
  const std::string leaves = client_leaves(shape);
  return static_cast<int>(std::count(leaves.begin(), leaves.end(), ' ')) + 2;  // leaves + node
}

int page_size_for(int node_cost, int fixed_overhead) {
  int fit = (k_max_complexity - fixed_overhead) / std::max(1, node_cost);
  return std::clamp(fit, 1, k_max_page_size);
}

Document preflight_query() {
  return query("RosterPreflight",
               "query RosterPreflight { currentUser { id is_org_admin organization { id } "
               "organization_membership { id is_admin org_role } } }");
}

Document staff_query(ApiShape shape) {
  switch (shape) {
    case ApiShape::baseline:
      // The plain list holds every membership, deactivated ones included;
      // the organization's organization_memberships_count (all of them) and
      // organizationMembersCount (active ones) are the cross-checks.
      return query("RosterStaff",
                   "query RosterStaff($org: String) { organizationMembersCount "
                   "currentUser { organization { organization_memberships_count } } "
                   "organizationMemberships(id: $org) { " +
                       membership_selection(shape) + " } }");
    case ApiShape::connections:
      return query("RosterStaff",
                   "query RosterStaff($org: String, $first: Int, $after: String) { "
                   "organizationMemberships(id: $org, first: $first, after: $after) { total_count "
                   "page_info { has_next_page end_cursor } nodes { " +
                       membership_selection(shape) + " } } }",
                   R"({"first":1})");
  }
  throw std::logic_error("staff_query: unknown ApiShape");
}

Document baseline_client_counts() {
  return query("RosterClientCounts",
               "query RosterClientCounts { all: usersCount active: usersCount(active_status: "
               "\"active\") archived: usersCount(active_status: \"archived\") }");
}

Document baseline_client_page() {
  // Oldest first: a client created during the read lands after every page
  // already planned instead of shifting them.
  return query("RosterClientPage",
               "query RosterClientPage($status: String, $offset: Int, $size: Int) { "
               "users(active_status: $status, offset: $offset, page_size: $size, "
               "should_paginate: true, order_by: CREATED_AT_ASC) { " +
                   client_leaves(ApiShape::baseline) + " } }",
               R"({"status":"active","offset":0,"size":1})");
}

Document connection_counts(std::size_t streams) {
  std::string vars;
  std::string body;
  for (std::size_t i = 0; i < streams; ++i) {
    std::string n = std::to_string(i);
    vars += (i ? ", " : "") + std::string("$p") + n + ": String, $a" + n + ": String";
    body += " s" + n + ": users(provider_id: $p" + n + ", active_status: $a" + n +
            ", first: 0) { total_count }";
  }
  return query("RosterClientCounts", "query RosterClientCounts(" + vars + ") {" + body + " }");
}

Document connection_segments(std::size_t segments) {
  std::string vars;
  std::string body;
  std::string probe;
  for (std::size_t i = 0; i < segments; ++i) {
    std::string n = std::to_string(i);
    probe += (i ? "," : "") + std::string("\"f") + n + "\":1";
    vars += (i ? ", " : "") + std::string("$p") + n + ": String, $a" + n + ": String, $f" + n +
            ": Int, $c" + n + ": String";
    body += " s" + n + ": users(provider_id: $p" + n + ", active_status: $a" + n + ", first: $f" +
            n + ", after: $c" + n +
            ", order_by: CREATED_AT_ASC) { total_count page_info { has_next_page end_cursor } "
            "nodes { " +
            client_leaves(ApiShape::connections) + " } }";
  }
  return query("RosterClientSegments", "query RosterClientSegments(" + vars + ") {" + body + " }",
               "{" + probe + "}");
}

// A keyword no email holds: doctor's search reads no one's data.
constexpr const char* k_search_probe = R"({"keywords":"rosterform-doctor-matches-nobody"})";

Document client_search(ApiShape shape) {
  std::string fields = client_leaves(shape);
  switch (shape) {
    case ApiShape::baseline:
      return query("RosterClientSearch",
                   "query RosterClientSearch($keywords: String) { "
                   "active: users(keywords: $keywords, active_status: \"active\", page_size: 50) "
                   "{ " +
                       fields +
                       " } archived: users(keywords: $keywords, active_status: \"archived\", "
                       "page_size: 50) { " +
                       fields + " } }",
                   k_search_probe);
    case ApiShape::connections:
      return query(
          "RosterClientSearch",
          "query RosterClientSearch($keywords: String) { "
          "active: users(keywords: $keywords, active_status: \"active\", first: 50) { nodes { " +
              fields +
              " } } archived: users(keywords: $keywords, active_status: \"archived\", "
              "first: 50) { nodes { " +
              fields + " } } }",
          k_search_probe);
  }
  throw std::logic_error("client_search: unknown ApiShape");
}

Document user_by_id(ApiShape shape) {
  return query("RosterUser",
               "query RosterUser($id: ID) { user(id: $id) { " + any_user_leaves(shape) + " } }");
}

Document membership_by_id(ApiShape shape) {
  return query("RosterMembership",
               "query RosterMembership($id: ID) { organizationMembership(id: $id) { " +
                   membership_selection(shape) + " } }");
}

Document create_client(ApiShape shape) {
  return mutation("RosterCreateClient", "createClient", MutationInput::create_client,
                  "user { " + client_leaves(shape) + " }");
}

Document update_client(ApiShape shape) {
  return mutation("RosterUpdateClient", "updateClient", MutationInput::update_client,
                  "user { " + client_leaves(shape) + " }");
}

Document create_membership(ApiShape shape) {
  return mutation("RosterCreateMember", "createOrganizationMembership",
                  MutationInput::create_membership,
                  "organizationMembership { " + membership_selection(shape) + " }");
}

Document update_member(ApiShape shape) {
  return mutation("RosterUpdateMember", "updateOrganizationMember", MutationInput::update_member,
                  "user { " + staff_user_leaves(shape) + " }");
}

Document update_membership(ApiShape shape) {
  return mutation("RosterUpdateMembership", "updateOrganizationMembership",
                  MutationInput::update_membership,
                  "organizationMembership { " + membership_selection(shape) + " }");
}

Document input_fields_query() {
  std::string body;
  for (std::size_t i = 0; i < k_mutation_inputs.size(); ++i) {
    body += " i" + std::to_string(i) + ": __type(name: \"" +
            std::string(input_type_name(k_mutation_inputs[i])) +
            "\") { inputFields { name defaultValue type { kind } } }";
  }
  return query("RosterInputFields", "query RosterInputFields {" + body + " }");
}

std::vector<Document> all_documents(ApiShape shape) {
  std::vector<Document> out = {preflight_query(), staff_query(shape)};
  switch (shape) {
    case ApiShape::baseline:
      out.push_back(baseline_client_counts());
      out.push_back(baseline_client_page());
      break;
    case ApiShape::connections:
      out.push_back(connection_counts(3));
      out.push_back(connection_segments(2));
      break;
  }
  for (Document d : {client_search(shape), user_by_id(shape), membership_by_id(shape),
                     create_client(shape), update_client(shape), create_membership(shape),
                     update_member(shape), update_membership(shape)}) {
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace rosterform::healthie
