#include "state/rekey.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "engine/plan/handle.hpp"
#include "engine/plan/matching.hpp"
#include "engine/plan/prior_state.hpp"
#include "engine/plan/schema_fields.hpp"
#include "engine/staff_ref.hpp"
#include "state/hmac_hasher.hpp"

namespace rosterform::state {

namespace {

std::string key_of(const std::string& address) {
  std::size_t dot = address.find('.');
  return dot == std::string::npos ? address : address.substr(dot + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The values a digest may have been made of: the roster's value was
// hashed, and emails compare without case, so the roster may have had the
// lower-cased form of what Healthie shows.
std::vector<std::string> candidates(const std::string& value) {
  std::vector<std::string> out{value};
  if (std::string folded = lower(value); folded != value) {
    out.push_back(std::move(folded));
  }
  return out;
}

// The new digest of a field, if one of its candidate values makes the old.
std::optional<std::string> rekeyed_digest(const std::string& old_hex, const std::string& value,
                                          const HmacHasher& old_hasher,
                                          const HmacHasher& new_hasher) {
  auto old_digest = engine::parse_field_digest(old_hex);
  if (!old_digest) {
    return std::nullopt;
  }
  for (const std::string& candidate : candidates(value)) {
    if (engine::digest_matches(old_hasher, *old_digest, candidate)) {
      return new_hasher.hex_digest(candidate);
    }
  }
  return std::nullopt;
}

ResourceState rekey_resource(const std::string& address, const ResourceState& old,
                             const CurrentValues& current, const HmacHasher& old_hasher,
                             const HmacHasher& new_hasher, RekeyReport& report) {
  ResourceState out = old;
  out.applied.clear();
  auto values = current.find(address);
  std::string handle = engine::state_entry_handle(old.kind, key_of(address), old.user_id);
  for (const auto& [field, old_hex] : old.applied) {
    std::optional<std::string> digest;
    if (values != current.end()) {
      if (auto v = values->second.find(field); v != values->second.end()) {
        digest = rekeyed_digest(old_hex, v->second, old_hasher, new_hasher);
      }
    }
    if (digest) {
      out.applied.emplace(field, std::move(*digest));
      ++report.rekeyed;
    } else {
      report.dropped.push_back(handle + " " + field);
    }
  }
  return out;
}

// Old hidden key -> the roster key it was made of.
std::unordered_map<std::string, std::string> hidden_origins(const RekeyInput& input,
                                                            const HmacHasher& old_hasher) {
  std::unordered_map<std::string, std::string> out;
  for (const std::string& key : input.roster_client_keys) {
    if (engine::is_derived_client_key(engine::Kind::client, key) && !key.starts_with("h:")) {
      out.emplace(old_hasher.hidden_key(key), key);
    }
  }
  return out;
}

}  // namespace

StateFile rekey_state(const StateFile& old_state, const StateKey& key, const RekeyInput& input,
                      RekeyReport& report) {
  HmacHasher old_hasher(old_state.hmac_key);
  StateFile out = old_state;
  out.format_version = k_state_format_external_key;
  out.hmac_key = derived_hmac_key_hex(key);
  out.key_fingerprint = key_fingerprint(key);
  out.resources.clear();
  HmacHasher new_hasher(out.hmac_key);
  auto origins = hidden_origins(input, old_hasher);
  for (const auto& [address, resource] : old_state.resources) {
    std::string k = key_of(address);
    std::string address_now = address;
    if (resource.kind == engine::Kind::client && k.starts_with("h:")) {
      auto origin = origins.find(k);
      if (origin != origins.end()) {
        address_now = address_of(resource.kind, new_hasher.hidden_key(origin->second));
        ++report.hidden_rekeyed;
      } else {
        address_now = address_of(resource.kind, new_hasher.hidden_key(k));
        report.hidden_renamed.push_back(
            engine::state_entry_handle(resource.kind, k, resource.user_id));
      }
    }
    out.resources.emplace(address_now, rekey_resource(address, resource, input.current,
                                                      old_hasher, new_hasher, report));
  }
  return out;
}

namespace {

using UsersById = std::unordered_map<std::string_view, const engine::RemoteUser*>;

UsersById by_id(const std::vector<engine::RemoteUser>& users) {
  UsersById out;
  for (const engine::RemoteUser& u : users) {
    out.emplace(u.user_id, &u);
  }
  return out;
}

// Healthie's value of one field as the diff hashes it (remote_value in
// engine/plan/compare.cpp): `active` as RemoteUser::is_active reads it, a
// reference reported as a Healthie id as that member's email.
std::optional<std::string> remote_value(const engine::RemoteUser& user, engine::FieldId id,
                                        const engine::SchemaFields& fields,
                                        const UsersById& staff,
                                        const engine::SchemaFields& staff_fields) {
  if (fields.active && id == *fields.active) {
    return std::string(user.is_active(fields.active) ? "true" : "false");
  }
  std::optional<std::string_view> v = user.fields.get(id);
  if (!v) {
    return std::nullopt;
  }
  if (fields.reference && id == *fields.reference) {
    engine::StaffRef ref = engine::StaffRef::parse(*v);
    auto member = ref.is_healthie_id() ? staff.find(ref.value()) : staff.end();
    if (member != staff.end() && staff_fields.email) {
      if (auto email = member->second->fields.get(*staff_fields.email)) {
        return lower(std::string(*email));
      }
    }
  }
  return std::string(*v);
}

}  // namespace

CurrentValues current_field_values(const StateFile& state, const engine::CurrentState& current,
                                   const Schemas& schemas) {
  UsersById staff = by_id(current.staff);
  UsersById clients = by_id(current.clients);
  engine::SchemaFields staff_fields = engine::SchemaFields::of(schemas.staff);
  engine::SchemaFields client_fields = engine::SchemaFields::of(schemas.clients);
  CurrentValues out;
  for (const auto& [address, resource] : state.resources) {
    bool is_staff = resource.kind == engine::Kind::staff;
    const UsersById& users = is_staff ? staff : clients;
    auto user = users.find(resource.user_id);
    if (user == users.end()) {
      continue;
    }
    const engine::SchemaFields& fields = is_staff ? staff_fields : client_fields;
    std::map<std::string, std::string>& values = out[address];
    for (const auto& [name, digest] : resource.applied) {
      auto id = schemas.of(resource.kind).id_of(name);
      if (!id) {
        continue;
      }
      if (auto v = remote_value(*user->second, *id, fields, staff, staff_fields)) {
        values.emplace(name, std::move(*v));
      }
    }
  }
  return out;
}

}  // namespace rosterform::state
