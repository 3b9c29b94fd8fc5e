// A staff reference's text form: the one translation between a `provider`
// or receiver value and what it names.
#include <doctest/doctest.h>

#include "engine/staff_ref.hpp"

using rosterform::engine::StaffRef;

TEST_CASE("staff ref: an email is kept as written") {
  StaffRef ref = StaffRef::parse("Dr.Jones@Clinic.example");
  CHECK(ref.kind() == StaffRef::Kind::email);
  CHECK(ref.is_email());
  CHECK_FALSE(ref.is_healthie_id());
  CHECK(ref.value() == "Dr.Jones@Clinic.example");
  CHECK(ref.text() == "Dr.Jones@Clinic.example");
}

TEST_CASE("staff ref: \"id:\" and the Healthie id") {
  StaffRef ref = StaffRef::parse("id:1001");
  CHECK(ref.kind() == StaffRef::Kind::healthie_id);
  CHECK(ref.is_healthie_id());
  CHECK(ref.value() == "1001");
  CHECK(ref.text() == "id:1001");
  CHECK(StaffRef::healthie_id("999").text() == "id:999");
  CHECK(StaffRef::email("a@example.com").text() == "a@example.com");
}

TEST_CASE("staff ref: text and parse round-trip") {
  for (const char* text : {"a@example.com", "id:42", "id:", ""}) {
    CAPTURE(text);
    CHECK(StaffRef::parse(StaffRef::parse(text).text()).text() == text);
  }
  CHECK(StaffRef::parse("id:").is_healthie_id());
  CHECK(StaffRef::parse("id:").value().empty());
  CHECK(StaffRef::parse("").is_email());
  CHECK(StaffRef::parse("ID:7").is_email());  // the prefix is lower case, as produced
}

TEST_CASE("staff ref: emails compare without case, ids exactly, never an email with an id") {
  CHECK(StaffRef::parse("Jones@Clinic.example") == StaffRef::email("jones@clinic.example"));
  CHECK_FALSE(StaffRef::parse("jones@clinic.example") == StaffRef::email("smith@clinic.example"));
  CHECK(StaffRef::parse("id:7") == StaffRef::healthie_id("7"));
  CHECK_FALSE(StaffRef::parse("id:7") == StaffRef::healthie_id("70"));
  CHECK_FALSE(StaffRef::email("7") == StaffRef::healthie_id("7"));
}
