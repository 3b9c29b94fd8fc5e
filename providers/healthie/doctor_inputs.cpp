// doctor's input-field checks (doctor_checks.hpp): what the mutation
// documents cannot prove, since they are sent without their $input.

#include <algorithm>

#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/doctor_checks.hpp"
#include "providers/healthie/input_fields.hpp"
#include "providers/healthie/json_document.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

constexpr const char* k_changed_advice =
    "this version renamed, removed or now requires an input field: set healthie.api_version to a "
    "version doctor passes with, or update rosterform";

struct InputField {
  std::string name;
  bool required = false;  // non-null without a default
};

// A name from Healthie's answer is shown only as an identifier (server
// text is never echoed): GraphQL names are word characters anyway.
std::string as_identifier(const std::string& name) {
  bool word = !name.empty() && name.size() <= 64 &&
              std::all_of(name.begin(), name.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9') || c == '_';
              });
  return word ? name : "(a field with an unusual name)";
}

// data.i<index>.inputFields; nullopt when Healthie has no such type.
std::optional<std::vector<InputField>> fields_of(const JsonDocument& doc, std::size_t index) {
  element type;
  element list;
  if (!data_field(doc, "i" + std::to_string(index), type) || !type.is_object() ||
      type["inputFields"].get(list) != simdjson::SUCCESS || !list.is_array())
    return std::nullopt;
  std::vector<InputField> out;
  for (element f : list.get_array()) {
    InputField field{string_member(f, "name").value_or(""), false};
    element t;
    bool non_null = f["type"].get(t) == simdjson::SUCCESS &&
                    string_member(t, "kind").value_or("") == "NON_NULL";
    field.required = non_null && !string_member(f, "defaultValue");
    out.push_back(std::move(field));
  }
  return out;
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

DoctorCheck check_one(MutationInput input, const std::vector<InputField>& have,
                      const std::string& version) {
  std::string name = "input " + std::string(input_type_name(input));
  std::vector<std::string_view> sent = sent_input_fields(input);
  std::vector<std::string> missing;
  for (std::string_view s : sent) {
    if (std::none_of(have.begin(), have.end(), [s](const InputField& f) { return f.name == s; }))
      missing.emplace_back(s);
  }
  std::vector<std::string> required;
  for (const InputField& f : have) {
    if (f.required && std::find(sent.begin(), sent.end(), f.name) == sent.end())
      required.push_back(as_identifier(f.name));
  }
  if (!missing.empty()) {
    bool one = missing.size() == 1;
    return failed(name,
                  std::string(one ? "field " : "fields ") + listed(missing) +
                      ", which rosterform sends, " + (one ? "does" : "do") +
                      " not exist for " + version,
                  k_changed_advice);
  }
  if (!required.empty()) {
    return failed(name, "Healthie requires " + listed(required) + " for " + version +
                            ", which rosterform does not send",
                  k_changed_advice);
  }
  return pass(name, "every field rosterform sends exists for " + version + " (" +
                        std::to_string(sent.size()) + " fields)");
}

// Healthie may turn introspection off (graphql-ruby's
// disable_introspection_entry_points makes `__type` an unknown field).
DoctorCheck unverified(MutationInput input, bool fail_unverified) {
  DoctorCheck c{"input " + std::string(input_type_name(input)), CheckStatus::not_verified,
                "not verified (introspection disabled): Healthie refused to describe the input "
                "type, so the names rosterform sends in it are unproven",
                "run doctor against an endpoint that answers introspection (the sandbox, "
                "staging-api.gethealthie.com, does) to verify them"};
  if (fail_unverified) {
    c.status = CheckStatus::failed;
    c.advice += "; without -fail-unverified this does not fail doctor";
  }
  return c;
}

}  // namespace

std::vector<DoctorCheck> input_checks(const Classified& answer, const std::string& version,
                                      bool fail_unverified) {
  std::vector<DoctorCheck> out;
  for (std::size_t i = 0; i < k_mutation_inputs.size(); ++i) {
    MutationInput input = k_mutation_inputs[i];
    std::string name = "input " + std::string(input_type_name(input));
    if (answer.kind == ResponseKind::graphql_errors) {
      out.push_back(unverified(input, fail_unverified));
    } else if (answer.kind != ResponseKind::ok || !answer.json) {
      out.push_back(failed(name, call_failure("the introspection query", answer),
                           "run doctor again; if it keeps failing, check the endpoint"));
    } else if (auto have = fields_of(*answer.json, i)) {
      out.push_back(check_one(input, *have, version));
    } else {
      out.push_back(failed(name, "Healthie has no input type " + name.substr(6) + " for " + version,
                           k_changed_advice));
    }
  }
  return out;
}

}  // namespace rosterform::healthie
