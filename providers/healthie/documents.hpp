#pragma once
// Every GraphQL document the provider can send, in one place per operation
// and per API shape. The contract test (tests/contract/) validates each of
// them against Healthie's real SDL for its version, so a document is only
// ever edited here.
//
// Page sizes follow from Healthie's limits: complexity 2000 per request, a
// list or connection costing its page size times its node's cost (api-facts
// §3). k_page_size keeps every page below that with room for aliases.

#include <string>
#include <string_view>
#include <vector>

#include <optional>

#include "providers/healthie/api_version.hpp"
#include "providers/healthie/input_fields.hpp"

namespace rosterform::healthie {

inline constexpr int k_max_complexity = 2000;
inline constexpr int k_max_page_size = 100;  // Healthie's documented maximum

// Leaf fields read for one client and one staff user; their count is the
// node cost used to size pages.
[[nodiscard]] std::string client_fields(ApiShape shape);
[[nodiscard]] std::string staff_user_fields(ApiShape shape);
[[nodiscard]] int client_node_cost(ApiShape shape);
[[nodiscard]] int page_size_for(int node_cost, int fixed_overhead);

struct Document {
  std::string operation_name;
  std::string text;
  bool mutation = false;
  std::string root_field;  // mutations: the payload field holding `messages`
  // What `doctor` sends to have Healthie validate the document without
  // changing anything: a read's smallest page; "{}" for a mutation, whose
  // required $input is then missing and stops it before execution.
  std::string probe_variables = "{}";
  // Mutations: the input object $input is (input_fields.hpp).
  std::optional<MutationInput> input;
};

// Reads.
[[nodiscard]] Document preflight_query();
[[nodiscard]] Document staff_query(ApiShape shape);  // $org, and on connections $first/$after
[[nodiscard]] Document baseline_client_counts();
[[nodiscard]] Document baseline_client_page();  // $status $offset $size

// connections: one request counting `streams` (active/archived totals plus,
// per provider, the clients whose dietitian it is) via aliases s0..sN-1 with
// variables $p<i> (provider_id, null for all) and $a<i> (active_status).
[[nodiscard]] Document connection_counts(std::size_t streams);
// connections: one request reading segments of several streams via aliases
// s0..sN-1 with variables $p<i>, $a<i>, $f<i> (first) and $c<i> (after).
[[nodiscard]] Document connection_segments(std::size_t segments);

// Look-ups used to settle a mutation whose outcome is unknown. A staff
// member is looked up in staff_query's list (member_lookup.hpp): the
// keyword search, organizationMembers, leaves deactivated members out.
[[nodiscard]] Document client_search(ApiShape shape);  // $keywords
[[nodiscard]] Document user_by_id(ApiShape shape);     // $id
[[nodiscard]] Document membership_by_id(ApiShape shape);  // $id

// Mutations; each takes $input.
[[nodiscard]] Document create_client(ApiShape shape);
[[nodiscard]] Document update_client(ApiShape shape);
[[nodiscard]] Document create_membership(ApiShape shape);
[[nodiscard]] Document update_member(ApiShape shape);
[[nodiscard]] Document update_membership(ApiShape shape);

// doctor: introspection of every input type in k_mutation_inputs, aliased
// i0..iN-1 in that order, each `{ inputFields { name defaultValue type { kind } } }`
// (null for a type the server does not have). Not in all_documents: it is
// not a document rosterform needs, and a server may refuse introspection.
[[nodiscard]] Document input_fields_query();

// Every document above for `shape`, dynamic ones at small sizes: what the
// contract test validates.
[[nodiscard]] std::vector<Document> all_documents(ApiShape shape);

}  // namespace rosterform::healthie
