#include "engine/import/roster_writer.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "engine/staff_ref.hpp"

namespace rosterform::engine {

namespace {

// Booleans stay YAML booleans; every other value is written as a string
// (quoted when YAML would read it as something else, e.g. "10442").
void emit_value(YAML::Emitter& out, const FieldSpec& spec, std::string_view view) {
  const std::string value(view);  // yaml-cpp takes std::string
  if (spec.type == FieldType::boolean) {
    out << (value == "true");
  } else if (spec.type == FieldType::date) {
    out << value;
  } else {
    out << YAML::DoubleQuoted << value;
  }
}

void emit_user(YAML::Emitter& out, const RemoteUser& user, const ResourceSchema& schema,
               const std::string& key) {
  out << YAML::BeginMap;
  if (!key.empty()) {
    out << YAML::Key << "key" << YAML::Value << key;
  }
  for (const auto& [id, value] : user.fields.fields()) {
    const FieldSpec& spec = schema.at(id);
    // `active: true` is the default; say only what differs from it.
    if (spec.name == "active" && value == "true") {
      continue;
    }
    if (spec.name == "provider" && StaffRef::parse(value).is_healthie_id()) {
      continue;  // a provider this key cannot see as staff: leave it unmanaged
    }
    out << YAML::Key << std::string(spec.name) << YAML::Value;
    emit_value(out, spec, value);
  }
  out << YAML::EndMap;
}

std::string document(const char* list, const char* header,
                     const std::vector<const RemoteUser*>& users, const ResourceSchema& schema,
                     bool with_keys) {
  YAML::Emitter out;
  out << YAML::Comment(header);
  out << YAML::BeginMap << YAML::Key << list << YAML::Value << YAML::BeginSeq;
  for (const RemoteUser* u : users) {
    emit_user(out, *u, schema, with_keys ? imported_client_key(*u) : std::string());
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string email_of(const RemoteUser& u, const ResourceSchema& schema) {
  return std::string(u.fields.value_or_empty(schema.id_of("email")));
}

}  // namespace

std::string imported_client_key(const RemoteUser& client) {
  return "healthie-" + client.user_id;
}

std::string staff_roster_yaml(const std::vector<RemoteUser>& staff, const ResourceSchema& schema) {
  std::vector<const RemoteUser*> users;
  for (const RemoteUser& u : staff) {
    users.push_back(&u);
  }
  std::sort(users.begin(), users.end(), [&](const RemoteUser* a, const RemoteUser* b) {
    return email_of(*a, schema) < email_of(*b, schema);
  });
  return document("staff", "Imported from Healthie by rosterform import.", users, schema, false);
}

std::string clients_roster_yaml(const std::vector<RemoteUser>& clients,
                                const ResourceSchema& schema) {
  std::vector<const RemoteUser*> users;
  for (const RemoteUser& u : clients) {
    users.push_back(&u);
  }
  std::sort(users.begin(), users.end(), [](const RemoteUser* a, const RemoteUser* b) {
    return a->user_id.size() != b->user_id.size() ? a->user_id.size() < b->user_id.size()
                                                  : a->user_id < b->user_id;
  });
  return document("clients",
                  "Imported from Healthie by rosterform import. Client data is PHI: keep this "
                  "repository private.",
                  users, schema, true);
}

}  // namespace rosterform::engine
