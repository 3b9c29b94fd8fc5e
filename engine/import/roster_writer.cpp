#include "engine/import/roster_writer.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "engine/plan/staff_directory.hpp"  // to_lower_ascii
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

// What import knows of each staff member a client can name, by the
// lower-cased email a client's `provider` holds.
class StaffFacts {
 public:
  StaffFacts(const std::vector<RemoteUser>& staff, const ResourceSchema& schema)
      : m_role(schema.id_of("org_role")), m_active(schema.id_of("active")) {
    auto email = schema.id_of("email");
    for (const RemoteUser& u : staff) {
      if (auto e = email ? u.fields.get(*email) : std::nullopt) {
        m_by_email.emplace(to_lower_ascii(*e), &u);
      }
    }
  }
  [[nodiscard]] const RemoteUser* find(std::string_view email) const {
    auto it = m_by_email.find(to_lower_ascii(email));
    return it == m_by_email.end() ? nullptr : it->second;
  }
  [[nodiscard]] bool support(const RemoteUser& u) const {
    return m_role && u.fields.value_or_empty(*m_role) == "Support";
  }
  [[nodiscard]] bool active(const RemoteUser& u) const { return u.is_active(m_active); }

 private:
  std::optional<FieldId> m_role;
  std::optional<FieldId> m_active;
  std::map<std::string, const RemoteUser*, std::less<>> m_by_email;
};

// Where import had to choose for a client's provider, the comment that says
// what it chose and why: on the key line (`for_key`) or after the provider.
// Only words and the staff id or email the entry itself holds: never PHI.
struct ProviderNotes {
  std::string for_key;
  std::string for_provider;
};

ProviderNotes provider_notes(bool client_active, std::optional<std::string_view> provider,
                             const StaffFacts& staff) {
  if (!provider) {
    return {"no provider in Healthie: left out, so rosterform leaves it as it is; add provider: "
            "<staff email> to assign one",
            ""};
  }
  if (StaffRef::parse(*provider).is_healthie_id()) {
    return {fmt::format("provider not written: Healthie's provider ({}) is not a staff member "
                        "this key can read, so rosterform leaves it as it is",
                        *provider),
            ""};
  }
  const RemoteUser* member = staff.find(*provider);
  if (member == nullptr) {
    return {};
  }
  if (!staff.active(*member) && client_active) {
    return {"", "deactivated in Healthie (active: false in staff): kept as Healthie has it; "
                "assign an active provider when you can"};
  }
  if (staff.support(*member)) {
    return {"", "a Support member (org_role: Support): kept as Healthie has it"};
  }
  return {};
}

void emit_user(YAML::Emitter& out, const RemoteUser& user, const ResourceSchema& schema,
               const std::string& key, const StaffFacts* staff) {
  ProviderNotes notes;
  if (staff != nullptr) {
    auto id = schema.id_of("provider");
    notes = provider_notes(user.is_active(schema.id_of("active")),
                           id ? user.fields.get(*id) : std::nullopt, *staff);
  }
  out << YAML::BeginMap;
  if (!key.empty()) {
    out << YAML::Key << "key" << YAML::Value << key;
    if (!notes.for_key.empty()) {
      out << YAML::Comment(notes.for_key);
    }
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
    if (spec.name == "provider" && !notes.for_provider.empty()) {
      out << YAML::Comment(notes.for_provider);
    }
  }
  out << YAML::EndMap;
}

std::string document(const char* list, const char* header,
                     const std::vector<const RemoteUser*>& users, const ResourceSchema& schema,
                     const StaffFacts* staff) {
  YAML::Emitter out;
  out << YAML::Comment(header);
  out << YAML::BeginMap << YAML::Key << list << YAML::Value << YAML::BeginSeq;
  for (const RemoteUser* u : users) {
    emit_user(out, *u, schema, staff != nullptr ? imported_client_key(*u) : std::string(), staff);
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
  return document("staff", "Imported from Healthie by rosterform import.", users, schema, nullptr);
}

std::string clients_roster_yaml(const std::vector<RemoteUser>& clients,
                                const ResourceSchema& schema, const std::vector<RemoteUser>& staff,
                                const ResourceSchema& staff_schema) {
  const StaffFacts facts(staff, staff_schema);
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
                  users, schema, &facts);
}

}  // namespace rosterform::engine
