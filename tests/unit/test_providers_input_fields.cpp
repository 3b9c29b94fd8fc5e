// The input fields rosterform sends (input_fields.hpp), proven to be what
// mutation_inputs.cpp writes; doctor's introspection checks over them
// (doctor_inputs.cpp); and the field table's per-shape selection.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "providers/healthie/doctor_checks.hpp"
#include "providers/healthie/documents.hpp"
#include "providers/healthie/input_fields.hpp"
#include "providers/healthie/mutation_inputs.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;
using healthie::CheckStatus;
using healthie::MutationInput;

namespace {

std::set<std::string> sent(MutationInput input) {
  std::set<std::string> out;
  for (std::string_view f : healthie::sent_input_fields(input))
    out.emplace(f);
  return out;
}

// The keys of {"input": {...}} as mutation_inputs.cpp wrote them.
std::set<std::string> written(const std::string& variables) {
  std::set<std::string> out;
  const nlohmann::json parsed = nlohmann::json::parse(variables);
  for (const auto& [k, v] : parsed.at("input").items())
    out.insert(k);
  return out;
}

// A mutation with every field of `kind` set to a non-empty value.
engine::Mutation everything(engine::Kind kind, engine::MutationKind op) {
  engine::Mutation m;
  m.kind = kind;
  m.op = op;
  m.user_id = "2001";
  m.membership_id = "m1";
  m.notify = true;
  const auto& schema = healthie::schema_for(kind);
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    bool boolean = schema.fields[i].type == engine::FieldType::boolean;
    m.fields.set(static_cast<engine::FieldId>(i), boolean ? "true" : "x");
  }
  return m;
}

engine::Result<std::string> resolve(const std::string&) {
  return std::string("1001");
}

healthie::Classified answer(const std::string& body) {
  http::Response r;
  r.status = 200;
  r.body = body;
  return healthie::classify(r, "");
}

// An introspection answer where each type holds `fields` of sent_input_fields
// plus `extra` (a JSON array of inputFields entries), or is null.
std::string introspection(const std::string& break_type = "", const std::string& drop = "",
                          const std::string& extra = "", bool null_type = false) {
  nlohmann::json data = nlohmann::json::object();
  for (std::size_t i = 0; i < healthie::k_mutation_inputs.size(); ++i) {
    MutationInput input = healthie::k_mutation_inputs[i];
    bool broken = healthie::input_type_name(input) == break_type;
    if (broken && null_type) {
      data["i" + std::to_string(i)] = nullptr;
      continue;
    }
    nlohmann::json fields = nlohmann::json::array();
    for (std::string_view f : healthie::sent_input_fields(input)) {
      if (!(broken && f == drop))
        fields.push_back({{"name", f}, {"defaultValue", nullptr}, {"type", {{"kind", "SCALAR"}}}});
    }
    if (broken && !extra.empty())
      fields.push_back(nlohmann::json::parse(extra));
    data["i" + std::to_string(i)] = {{"inputFields", fields}};
  }
  return nlohmann::json{{"data", data}}.dump();
}

const healthie::DoctorCheck& named(const std::vector<healthie::DoctorCheck>& checks,
                                   const std::string& name) {
  auto it = std::find_if(checks.begin(), checks.end(),
                         [&](const healthie::DoctorCheck& c) { return c.name == name; });
  REQUIRE(it != checks.end());
  return *it;
}

}  // namespace

TEST_CASE("input fields: each input type lists the table's fields by carrier, then the fixed ones") {
  using V = std::vector<std::string_view>;
  CHECK(healthie::sent_input_fields(MutationInput::create_client) ==
        V{"email", "first_name", "last_name", "record_identifier", "legal_name", "dob", "gender",
          "phone_number", "timezone", "dietitian_id", "dont_send_welcome"});
  CHECK(healthie::sent_input_fields(MutationInput::update_client) ==
        V{"email", "first_name", "last_name", "record_identifier", "legal_name", "dob", "gender",
          "phone_number", "timezone", "dietitian_id", "active", "id"});
  CHECK(healthie::sent_input_fields(MutationInput::create_membership) ==
        V{"email", "first_name", "last_name", "org_role", "timezone", "organization_id",
          "send_invite_email"});
  CHECK(healthie::sent_input_fields(MutationInput::update_member) ==
        V{"email", "first_name", "last_name", "timezone", "phone_number", "npi", "qualifications",
          "id"});
  CHECK(healthie::sent_input_fields(MutationInput::update_membership) ==
        V{"org_role", "is_admin", "active", "id", "provider_to_receive_clients"});
  CHECK(healthie::input_type_name(MutationInput::update_member) == "updateOrganizationMemberInput");
}

TEST_CASE("input fields: the lists are exactly what the input builders write") {
  using engine::Kind;
  using engine::MutationKind;
  auto create = everything(Kind::client, MutationKind::create);
  CHECK(written(*healthie::create_client_input(create, resolve)) ==
        sent(MutationInput::create_client));
  // updateClient carries the fields and, in its own call, `active`.
  auto update = everything(Kind::client, MutationKind::update);
  auto fields = written(*healthie::update_client_input(update, "2001", resolve));
  auto status = written(healthie::set_active_input("2001", false));
  fields.insert(status.begin(), status.end());
  CHECK(fields == sent(MutationInput::update_client));
  auto member = everything(Kind::staff, MutationKind::create);
  CHECK(written(healthie::create_membership_input(member, "7001")) ==
        sent(MutationInput::create_membership));
  auto profile = everything(Kind::staff, MutationKind::update);
  CHECK(written(*healthie::member_profile_input(profile, "2001", false)) ==
        sent(MutationInput::update_member));
  auto membership = everything(Kind::staff, MutationKind::update);
  membership.receiver = "dr.b@example.com";
  CHECK(written(**healthie::membership_input(membership, "m1", false, resolve)) ==
        sent(MutationInput::update_membership));
}

TEST_CASE("input fields: the introspection query asks for every input type, aliased in order") {
  auto doc = healthie::input_fields_query();
  CHECK(doc.operation_name == "RosterInputFields");
  CHECK_FALSE(doc.mutation);
  CHECK(doc.text.find(R"(i0: __type(name: "createClientInput") { inputFields { name defaultValue type { kind } } })") !=
        std::string::npos);
  CHECK(doc.text.find(R"(i4: __type(name: "updateOrganizationMembershipInput"))") !=
        std::string::npos);
  for (const auto& d : healthie::all_documents(healthie::ApiShape::connections))
    CHECK(d.mutation == d.input.has_value());
}

TEST_CASE("doctor input checks: every field present passes, one line per input type") {
  auto checks = healthie::input_checks(answer(introspection()), "2026-07-01", false);
  REQUIRE(checks.size() == 5);
  CHECK(checks[1].name == "input updateClientInput");
  CHECK(checks[1].status == CheckStatus::passed);
  CHECK(checks[1].detail == "every field rosterform sends exists for 2026-07-01 (12 fields)");
  CHECK(checks[1].advice.empty());
}

TEST_CASE("doctor input checks: a missing field, a newly required one, a missing type") {
  auto missing = healthie::input_checks(
      answer(introspection("updateClientInput", "phone_number")), "2026-07-01", false);
  const auto& m = named(missing, "input updateClientInput");
  CHECK(m.status == CheckStatus::failed);
  CHECK(m.detail == "field phone_number, which rosterform sends, does not exist for 2026-07-01");
  CHECK(m.advice ==
        "this version renamed, removed or now requires an input field: set healthie.api_version "
        "to a version doctor passes with, or update rosterform");
  CHECK(named(missing, "input createClientInput").status == CheckStatus::passed);

  auto required = healthie::input_checks(
      answer(introspection("createClientInput", "",
                           R"({"name":"consent","defaultValue":null,"type":{"kind":"NON_NULL"}})")),
      "2026-07-01", false);
  CHECK(named(required, "input createClientInput").detail ==
        "Healthie requires consent for 2026-07-01, which rosterform does not send");
  // A non-null field with a default is not required of rosterform; a name
  // that is not an identifier is never echoed.
  auto defaulted = healthie::input_checks(
      answer(introspection("createClientInput", "",
                           R"({"name":"x","defaultValue":"false","type":{"kind":"NON_NULL"}})")),
      "2026-07-01", false);
  CHECK(named(defaulted, "input createClientInput").status == CheckStatus::passed);
  auto odd = healthie::input_checks(
      answer(introspection("createClientInput", "",
                           R"({"name":"Mary O'Brien","defaultValue":null,"type":{"kind":"NON_NULL"}})")),
      "2026-07-01", false);
  CHECK(named(odd, "input createClientInput").detail ==
        "Healthie requires (a field with an unusual name) for 2026-07-01, which rosterform does "
        "not send");

  auto gone = healthie::input_checks(answer(introspection("updateOrganizationMemberInput", "", "", true)),
                                     "2026-07-01", false);
  CHECK(named(gone, "input updateOrganizationMemberInput").detail ==
        "Healthie has no input type updateOrganizationMemberInput for 2026-07-01");
}

TEST_CASE("doctor input checks: introspection refused is not verified, failed under -fail-unverified") {
  auto refused = answer(R"({"errors":[{"message":"Field '__type' doesn't exist on type 'Query'"}]})");
  auto checks = healthie::input_checks(refused, "2026-07-01", false);
  REQUIRE(checks.size() == 5);
  for (const auto& c : checks) {
    CHECK(c.status == CheckStatus::not_verified);
    CHECK(c.detail ==
          "not verified (introspection disabled): Healthie refused to describe the input type, so "
          "the names rosterform sends in it are unproven");
  }
  auto strict = healthie::input_checks(refused, "2026-07-01", true);
  CHECK(strict[0].status == CheckStatus::failed);
  CHECK(strict[0].advice.ends_with("; without -fail-unverified this does not fail doctor"));
  healthie::DoctorReport report;
  report.checks = checks;
  CHECK(report.ok());
  CHECK(report.count(CheckStatus::not_verified) == 5);
  report.checks = strict;
  CHECK_FALSE(report.ok());
}

TEST_CASE("field table: each shape's leaf, aliased to the decoder's key where a shape names it otherwise") {
  healthie::HealthieField row{{}, "dob", {"dob", "date_of_birth"}};
  CHECK(healthie::leaf_in(row, healthie::ApiShape::baseline) == "dob");
  CHECK(healthie::selected(row, healthie::ApiShape::baseline) == "dob");
  CHECK(healthie::selected(row, healthie::ApiShape::connections) == "dob: date_of_birth");
  for (auto kind : {engine::Kind::staff, engine::Kind::client}) {
    for (const auto& f : healthie::field_table(kind)) {
      CHECK(!healthie::leaf_in(f, healthie::ApiShape::baseline).empty());
      CHECK(!healthie::leaf_in(f, healthie::ApiShape::connections).empty());
    }
  }
  CHECK(healthie::selection_of(engine::Kind::staff, healthie::Source::membership,
                               healthie::ApiShape::connections) == "org_role is_admin");
}
