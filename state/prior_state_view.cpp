#include "state/prior_state_view.hpp"

#include <algorithm>

#include "engine/plan/matching.hpp"

namespace rosterform::state {

engine::PriorState to_prior_state(const StateFile& state, bool present, const Schemas& schemas) {
  engine::PriorState prior;
  prior.present = present;
  prior.lineage = state.lineage;
  prior.serial = state.serial;
  prior.records.reserve(state.resources.size());
  for (const auto& [address, resource] : state.resources) {
    engine::ManagedRecord rec;
    rec.kind = resource.kind;
    std::size_t dot = address.find('.');
    rec.key = dot == std::string::npos ? address : address.substr(dot + 1);
    rec.user_id = resource.user_id;
    rec.membership_id = resource.membership_id;
    const engine::ResourceSchema& schema = schemas.of(resource.kind);
    for (const auto& [name, hex] : resource.applied) {
      auto id = schema.id_of(name);
      auto digest = engine::parse_field_digest(hex);
      if (id && digest) {  // a field since removed from the schema is ignored
        rec.applied.push_back({*id, *digest});
      }
    }
    std::sort(rec.applied.begin(), rec.applied.end(),
              [](const auto& a, const auto& b) { return a.field < b.field; });
    prior.records.push_back(std::move(rec));
  }
  return prior;
}

std::string stored_key(const engine::Address& address, const engine::ValueHasher& hasher) {
  // A key already in stored form ("h:…", from a record the plan knew only
  // through the state, such as a removal) passes through unchanged: hashing
  // it again would file the same user under a second, ghost address.
  bool stored_form = address.kind == engine::Kind::client && address.key.starts_with("h:");
  return engine::is_derived_client_key(address.kind, address.key) && !stored_form
             ? hasher.hidden_key(address.key)
             : address.key;
}

}  // namespace rosterform::state
