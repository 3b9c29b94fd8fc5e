// "This looks like a rename": an email change without `previously:` plans a
// create and a deactivation; the plan says so, naming handles, never values.
#include <doctest/doctest.h>

#include "engine/plan/diff.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::Kind;
using testing::PlanWorld;

namespace {

std::vector<std::string> warnings(const engine::Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) {
    if (item.severity == engine::Severity::warning) {
      out.push_back(engine::format_diagnostic(item));
    }
  }
  return out;
}

const testing::FieldValues k_ann = {{"email", "ann.new@example.com"}, {"first_name", "Ann"},
                                    {"last_name", "Lee"}, {"dob", "1980-04-02"}};
const testing::FieldValues k_ann_before = {{"email", "ann@example.com"}, {"first_name", "Ann"},
                                           {"last_name", "Lee"}, {"dob", "1980-04-02"}};

}  // namespace

TEST_CASE("rename hint: a client's new email with the same names and dob") {
  PlanWorld w;
  w.client("email:ann.new@example.com/ann/lee", k_ann);
  w.remote_client("100023", k_ann_before);
  w.manage(Kind::client, "email:ann@example.com/ann/lee", "100023");
  auto out = w.plan();
  CHECK(warnings(out.diagnostics) ==
        std::vector<std::string>{
            "roster/clients.yaml:1:5: warning: client at roster/clients.yaml:1: this looks like a "
            "rename of client.id:100023 (same names and dob, another email), which the plan would "
            "create anew and deactivate; add `previously: <the former email>` to the entry at "
            "roster/clients.yaml:1 so that the plan updates client.id:100023 instead"});
  for (const std::string& text : warnings(out.diagnostics)) {
    CHECK(text.find("ann") == std::string::npos);
    CHECK(text.find("Lee") == std::string::npos);
    CHECK(text.find("1980") == std::string::npos);
  }
}

TEST_CASE("rename hint: a different dob is another person, no hint") {
  PlanWorld w;
  w.client("email:ann.new@example.com/ann/lee", k_ann);
  auto before = k_ann_before;
  before[3].second = "1990-01-01";
  w.remote_client("100023", before);
  w.manage(Kind::client, "email:ann@example.com/ann/lee", "100023");
  CHECK(warnings(w.plan().diagnostics).empty());
}

TEST_CASE("rename hint: a staff email change names the former email, which is not PHI") {
  PlanWorld w;
  w.staff("dr.new@clinic.example");
  w.remote_staff("7", "dr.old@clinic.example");
  w.manage(Kind::staff, "dr.old@clinic.example", "7");
  auto out = w.plan();
  CHECK(warnings(out.diagnostics) ==
        std::vector<std::string>{
            "roster/staff.yaml:1:5: warning: staff.dr.new@clinic.example: this looks like a "
            "rename of staff.dr.old@clinic.example (same names, another email), which the plan "
            "would create anew and deactivate; add `previously: dr.old@clinic.example` to the "
            "entry at roster/staff.yaml:1 so that the plan updates staff.dr.old@clinic.example "
            "instead"});
}
