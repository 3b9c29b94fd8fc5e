#include <doctest/doctest.h>

#include <array>

#include "engine/roster/field_check.hpp"
#include "engine/roster/identity.hpp"
#include "engine/roster/include_glob.hpp"
#include "engine/roster/suggest.hpp"

using namespace rosterform::engine;
using namespace rosterform::engine::roster;

namespace {
std::optional<std::string> run(FieldType type, std::string_view text, bool quoted = false) {
  TimezoneDb tz;
  CheckContext ctx{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}, &tz};
  FieldSpec spec;
  spec.type = type;
  static constexpr std::array<std::string_view, 2> k_roles = {"Standard", "Support"};
  spec.allowed = k_roles;
  std::string out;
  if (auto p = check_field(spec, text, quoted, ctx, out)) {
    return "problem: " + p->phrase + (p->suggest ? " / " + *p->suggest : "");
  }
  return out;
}
}  // namespace

TEST_CASE("client keys: key, then record_identifier, then email and names") {
  CHECK(client_key("mrn-1", "10442", "a@b.c", "A", "B") == "mrn-1");
  CHECK(client_key("", "10442", "a@b.c", "A", "B") == "rid:10442");
  CHECK(client_key("", "", "Jane@Example.com", "Jane", "DOE") == "email:jane@example.com/jane/doe");
  CHECK(client_key("", "", "jane@example.com", "", "Doe").empty());
  CHECK(staff_key(" Jones@Clinic.Example ") == "jones@clinic.example");
  CHECK(is_valid_key("mrn-10442"));
  CHECK_FALSE(is_valid_key("rid:10442"));
  CHECK_FALSE(is_valid_key("has space"));
}

TEST_CASE("field checks normalise good values") {
  CHECK(run(FieldType::boolean, "TRUE") == "true");
  CHECK(run(FieldType::date, "2024-02-29") == "2024-02-29");
  CHECK(run(FieldType::reference, "Jones@Clinic.Example") == "jones@clinic.example");
  CHECK(run(FieldType::email, " Jane@Example.com ") == "Jane@Example.com");
  CHECK(run(FieldType::phone, "+1 (555) 010-0100") == "+1 (555) 010-0100");
  CHECK(run(FieldType::timezone, "America/New_York") == "America/New_York");
  CHECK(run(FieldType::enumeration, "Support") == "Support");
}

TEST_CASE("field checks name the problem without the value") {
  CHECK(run(FieldType::boolean, "yes") == "problem: must be true or false");
  CHECK(run(FieldType::boolean, "true", true) ==
        "problem: must be true or false, written without quotes");
  CHECK(run(FieldType::date, "2023-02-29") == "problem: is not a real calendar date");
  CHECK(run(FieldType::date, "2026-01-01") ==
        "problem: is not in the past: a date of birth must be before today");
  CHECK(run(FieldType::date, "1990-4-1") == "problem: must be a date written YYYY-MM-DD");
  CHECK(run(FieldType::timezone, "America/Nowhere") ==
        "problem: must be a time zone of the tz database, such as America/New_York");
  CHECK(run(FieldType::timezone, "../zoneinfo/UTC") ==
        "problem: must be a time zone of the tz database, such as America/New_York");
  CHECK(run(FieldType::enumeration, "support") ==
        "problem: must be one of Standard, Support / Support");
  CHECK(run(FieldType::phone, "12345") ==
        "problem: must be a phone number: 7 to 15 digits, with an optional leading + and "
        "spaces, dashes, dots or parentheses");
  CHECK(run(FieldType::string, "") ==
        "problem: is empty: give a value, or remove the line to leave the field unmanaged");
}

TEST_CASE("email syntax") {
  CHECK(is_email("jane.doe+x@mail.example.com"));
  CHECK_FALSE(is_email("jane@localhost"));
  CHECK_FALSE(is_email("jane@@example.com"));
  CHECK_FALSE(is_email("jane doe@example.com"));
  CHECK_FALSE(is_email(".jane@example.com"));
  CHECK_FALSE(is_email("jane@example..com"));
}

TEST_CASE("did you mean: close names only") {
  static constexpr std::array<std::string_view, 3> k_names = {"email", "first_name", "last_name"};
  CHECK(did_you_mean("emial", k_names) == "email");
  CHECK(did_you_mean("firstname", k_names) == "first_name");
  CHECK_FALSE(did_you_mean("colour", k_names).has_value());
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(looks_like_name("first_name"));
  CHECK_FALSE(looks_like_name("Jane Doe"));
}

TEST_CASE("include patterns stay inside the workspace") {
  CHECK(is_contained_pattern("roster/*.yaml"));
  CHECK(is_contained_pattern("./roster/**/*.yaml"));
  CHECK_FALSE(is_contained_pattern("../roster/*.yaml"));
  CHECK_FALSE(is_contained_pattern("/etc/*.yaml"));
  CHECK_FALSE(is_contained_pattern(""));
}
