// `rosterform schema`: prints a JSON Schema (draft-07, the draft
// yaml-language-server supports best) for rosterform.yaml and the roster
// files it includes, generated from the provider's field table so that
// editors complete and check exactly the fields the loader accepts.
//
// One schema covers both kinds of file; the loader is stricter (workspace
// settings only in rosterform.yaml, values checked against the tz database,
// dates in the past, duplicates across files).

#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/roster_schema.hpp"
#include "engine/resource_schema.hpp"
#include "providers/healthie/api_version.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::cli {

namespace {

using nlohmann::json;

constexpr const char* k_email_pattern = R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)";
constexpr const char* k_key_pattern = R"(^[A-Za-z0-9._-]{1,64}$)";

std::string_view sensitivity_name(engine::Sensitivity s) {
  switch (s) {
    case engine::Sensitivity::identity:
      return "identity";
    case engine::Sensitivity::phi:
      return "phi";
    case engine::Sensitivity::plain:
      return "plain";
  }
  return "?";
}

json value_schema(const engine::FieldSpec& f) {
  using engine::FieldType;
  switch (f.type) {
    case FieldType::string:
      // A plain 10442 is a number to an editor; the loader reads it as text.
      return {{"type", {"string", "number"}}};
    case FieldType::email:
    case FieldType::reference:
      return {{"type", "string"}, {"format", "email"}, {"pattern", k_email_pattern}};
    case FieldType::date:
      return {{"type", "string"}, {"format", "date"}, {"pattern", R"(^\d{4}-\d{2}-\d{2}$)"}};
    case FieldType::timezone:
      return {{"type", "string"},
              {"pattern", R"(^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$)"},
              {"examples", {"America/New_York", "America/Chicago", "America/Los_Angeles"}}};
    case FieldType::phone:
      return {{"type", {"string", "number"}}, {"pattern", R"(^\+?[0-9 ().-]{7,}$)"}};
    case FieldType::enumeration:
      return {{"type", "string"},
              {"enum", json(std::vector<std::string>(f.allowed.begin(), f.allowed.end()))}};
    case FieldType::boolean:
      return {{"type", "boolean"}};
  }
  return json::object();
}

json field_schema(const engine::FieldSpec& f) {
  json s = value_schema(f);
  std::string description(f.description);
  if (f.required_on_create) {
    description += " Required.";
  }
  if (!f.updatable) {
    description += " Set on create only.";
  }
  s["description"] = description;
  s["x-healthie-input"] = f.healthie_input;
  s["x-sensitivity"] = sensitivity_name(f.sensitivity);
  s["x-updatable"] = f.updatable;
  return s;
}

json entry_schema(const engine::ResourceSchema& schema, bool defaults) {
  json props = json::object();
  json required = json::array();
  for (const engine::FieldSpec& f : schema.fields) {
    if (defaults && f.sensitivity == engine::Sensitivity::identity) {
      continue;  // an identity has no default
    }
    props[std::string(f.name)] = field_schema(f);
    if (f.required_on_create && !defaults) {
      required.push_back(f.name);
    }
  }
  props["<<"] = {{"description", "YAML merge key: fields from an anchored mapping (*name)."}};
  if (!defaults) {
    props["previously"] = {
        {"description", "Former identities (emails, or client keys) this entry was renamed from."},
        {"oneOf", {{{"type", "string"}}, {{"type", "array"}, {"items", {{"type", "string"}}}}}}};
    if (schema.kind == engine::Kind::staff) {
      props["reassign_clients_to"] = {
          {"type", "string"},
          {"format", "email"},
          {"description", "When this member is deactivated, their clients go to this provider."}};
    } else {
      props["key"] = {{"type", "string"},
                      {"pattern", k_key_pattern},
                      {"description", "Stable identity of the client, kept across email changes."}};
    }
  }
  json out = {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
  if (!required.empty()) {
    out["required"] = required;
  }
  return out;
}

json settings_schema() {
  // policy.max_deactivations, max_updates, max_reassignments: "25%" or 10.
  const json limit = {{"oneOf",
                       {{{"type", "integer"}, {"minimum", 0}, {"maximum", 1000000}},
                        {{"type", "string"}, {"pattern", R"(^\d+(\.\d+)?%$)"}}}}};
  json boolean = {{"type", "boolean"}};
  return {
      {"healthie",
       {{"type", "object"},
        {"additionalProperties", false},
        {"properties",
         {{"endpoint", {{"type", "string"}, {"pattern", "^https?://"}}},
          {"api_version",
           {{"type", "string"}, {"enum", healthie::supported_version_dates()},
            {"default", healthie::k_default_api_version}}},
          {"api_key_env", {{"type", "string"}, {"pattern", "^[A-Za-z_][A-Za-z0-9_]*$"}}},
          {"authorization_shard", {{"type", "string"}}},
          {"max_requests_per_second", {{"type", "number"}, {"minimum", 0.1}, {"maximum", 250}}},
          {"read_timeout",
           {{"type", "string"}, {"pattern", R"(^[0-9]*[1-9][0-9]*(ms|s|m|h)$)"}}}}}}},
      {"state",
       {{"type", "object"},
        {"additionalProperties", false},
        {"properties",
         {{"backend", {{"enum", {"local", "postgres"}}}},
          {"path", {{"type", "string"}, {"pattern", R"(^(?!/)(?!.*(^|/)\.\.(/|$)).+$)"}}},
          {"workspace", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9_.-]{0,62}$"}}},
          {"key_env", {{"type", "string"}, {"pattern", "^[A-Za-z_][A-Za-z0-9_]*$"}}},
          {"conn_str_env", {{"type", "string"}, {"pattern", "^[A-Za-z_][A-Za-z0-9_]*$"}}},
          {"schema", {{"type", "string"}, {"pattern", "^[a-z][a-z0-9_]{0,62}$"}}}}}}},
      {"policy",
       {{"type", "object"},
        {"additionalProperties", false},
        {"properties",
         {{"on_removal", {{"enum", {"deactivate", "ignore"}}}},
          {"authoritative", boolean},
          {"max_deactivations", limit},
          {"max_updates", limit},
          {"max_reassignments", limit},
          {"protected", {{"type", "array"}, {"items", {{"type", "string"}, {"format", "email"}}}}},
          {"require_provider_for_clients", boolean},
          {"send_welcome_email", boolean},
          {"send_invite_email", boolean}}}}},
      {"include",
       {{"oneOf", {{{"type", "string"}}, {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}};
}

json roster_schema() {
  const engine::ResourceSchema& staff = healthie::staff_schema();
  const engine::ResourceSchema& clients = healthie::client_schema();
  json props = settings_schema();
  props["version"] = {{"const", 1}, {"description", "The roster format version (1)."}};
  props["defaults"] = {{"type", "object"},
                       {"additionalProperties", false},
                       {"properties",
                        {{"staff", {{"$ref", "#/definitions/staff_defaults"}}},
                         {"clients", {{"$ref", "#/definitions/client_defaults"}}}}}};
  props["staff"] = {{"type", "array"}, {"items", {{"$ref", "#/definitions/staff_member"}}}};
  props["clients"] = {{"type", "array"}, {"items", {{"$ref", "#/definitions/client"}}}};
  return {{"$schema", "http://json-schema.org/draft-07/schema#"},
          {"$id", "https://rosterform.invalid/schema/roster-v1.json"},
          {"title", "rosterform roster"},
          {"description",
           "rosterform.yaml and the roster files it includes (generated by `rosterform schema`)."},
          {"type", "object"},
          {"properties", props},
          {"patternProperties", {{"^x-", json::object()}}},
          {"additionalProperties", false},
          {"definitions",
           {{"staff_member", entry_schema(staff, false)},
            {"client", entry_schema(clients, false)},
            {"staff_defaults", entry_schema(staff, true)},
            {"client_defaults", entry_schema(clients, true)}}}};
}

}  // namespace

std::string roster_schema_text() { return roster_schema().dump(2) + "\n"; }

CommandFn define_schema(CLI::App& sub) {
  (void)sub;
  return [] {
    std::cout << roster_schema_text();
    return k_exit_ok;
  };
}

}  // namespace rosterform::cli
