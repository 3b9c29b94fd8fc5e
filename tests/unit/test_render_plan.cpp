// Plan renderers: symbols and colour, the summary line, masking, the JSON
// writer (the Markdown comment: test_render_markdown_comment.cpp).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "engine/render/human.hpp"
#include "engine/render/json.hpp"
#include "engine/render/json_writer.hpp"
#include "engine/render/markdown.hpp"
#include "engine/render/mask.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::render::RenderOptions;
using testing::PlanWorld;

namespace {

RenderOptions options(bool color = false, bool reveal = false) {
  return RenderOptions{&healthie::staff_schema(), &healthie::client_schema(), color, reveal};
}

PlanWorld one_update() {
  PlanWorld w;
  testing::FieldValues want = {{"email", "ann@example.com"}, {"first_name", "Ann"},
                               {"last_name", "Lee"}, {"phone_number", "555-0101"}};
  testing::FieldValues have = want;
  have[3].second = "555-0199";
  w.client("mrn-1", want);
  w.remote_client("101", have);
  w.manage(engine::Kind::client, "mrn-1", "101");
  w.staff("dr.a@clinic.example", {{"timezone", "America/Chicago"}});
  return w;
}

}  // namespace

TEST_CASE("render: the human plan marks actions, hides unchanged fields, ends with the summary") {
  auto out = one_update().plan();
  std::string text = engine::render::render_human(out.plan, options());
  CHECK(text.find("  ~ client.mrn-1\n") != std::string::npos);
  CHECK(text.find("  + staff.dr.a@clinic.example\n") != std::string::npos);
  CHECK(text.find("      ~ phone_number: (sensitive, changed)\n") != std::string::npos);
  CHECK(text.find("        (3 unchanged fields hidden)\n") != std::string::npos);
  CHECK(text.find("  # (phone_number differs)\n") != std::string::npos);
  CHECK(text.ends_with("Plan: 1 to create, 1 to update, 0 to deactivate.\n"));
  CHECK(text.find("555-0101") == std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("render: the masked fields of one change share one line; unmasked ones keep theirs") {
  PlanWorld w;
  w.client("mrn-2", {{"email", "bo@example.com"},
                     {"first_name", "Bo"},
                     {"last_name", "Ray"},
                     {"phone_number", "555-0102"},
                     {"timezone", "America/Chicago"},
                     {"provider", "dr.a@clinic.example"}});
  w.staff("dr.a@clinic.example");
  auto out = w.plan();
  std::string text = engine::render::render_human(out.plan, options());
  INFO(text);
  CHECK(text.find("      + provider = \"dr.a@clinic.example\" (dietitian_id known after apply)\n"
                  "      + email, first_name, last_name, phone_number, timezone: (sensitive)\n") !=
        std::string::npos);
  CHECK(text.find("= (sensitive)") == std::string::npos);
  std::string revealed = engine::render::render_human(out.plan, options(false, true));
  CHECK(revealed.find("+ phone_number = \"555-0102\"") != std::string::npos);
}

TEST_CASE("render: colour only when asked, and -show-sensitive reveals in the human plan") {
  auto out = one_update().plan();
  CHECK(engine::render::render_human(out.plan, options(true)).find("\x1b[33m~\x1b[0m") != std::string::npos);
  std::string revealed = engine::render::render_human(out.plan, options(false, true));
  CHECK(revealed.find("~ phone_number = \"555-0199\" -> \"555-0101\"") != std::string::npos);
  CHECK(engine::render::render_json(out.plan, out.diagnostics, options(false, true)).find("555-0101") ==
        std::string::npos);
  CHECK(engine::render::render_markdown(out.plan, options(false, true)).find("555-0101") ==
        std::string::npos);
}

TEST_CASE("render: nothing to do is \"No changes.\"") {
  PlanWorld w;
  auto out = w.plan();
  CHECK(engine::render::render_human(out.plan, options()) == "No changes.\n");
  CHECK(engine::render::summary_line(out.plan) == "No changes.");
}

TEST_CASE("render: the JSON plan is versioned, parses, and never holds a sensitive value") {
  auto out = one_update().plan();
  auto j = nlohmann::json::parse(engine::render::render_json(out.plan, out.diagnostics, options()));
  CHECK(j["format_version"] == "1.3");
  CHECK(j["targeted"] == false);
  CHECK(j["applyable"] == true);
  CHECK(j["summary"]["update"] == 1);
  CHECK(j["guards"].size() == 6);
  const auto& change = j["changes"][1];
  CHECK(change["address"] == "client.mrn-1");
  const auto& phone = change["fields"][3];
  CHECK(phone["name"] == "phone_number");
  CHECK(phone["sensitive"] == true);
  CHECK(phone["changed"] == true);
  CHECK_FALSE(phone.contains("before"));
  CHECK_FALSE(phone.contains("after"));
  const auto& tz = j["changes"][0]["fields"][3];
  CHECK(tz["name"] == "timezone");
  CHECK(tz["after"] == "America/Chicago");
}

TEST_CASE("render: the JSON writer escapes strings") {
  CHECK(engine::render::json_quote("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\u0001\"");
  engine::render::JsonWriter w;
  w.begin_object();
  w.field("k", "v");
  w.key("a");
  w.begin_array();
  w.end_array();
  w.end_object();
  CHECK(w.take() == "{\n  \"k\": \"v\",\n  \"a\": []\n}\n");
}

TEST_CASE("render: a derived client key is named by its Healthie id, else its roster location") {
  engine::Address a{engine::Kind::client, "email:ann@example.com/ann/lee", true, "101",
                    {"roster/clients.yaml", 12, 3}};
  CHECK(engine::render::display_address(a, false) == "client.id:101");
  CHECK(engine::render::display_address(a, true) == "client.email:ann@example.com/ann/lee");
  a.user_id.clear();
  CHECK(engine::render::display_address(a, false) == "client at roster/clients.yaml:12");
}

TEST_CASE("render: under -target the unmanaged users are counted, not listed") {
  PlanWorld w = one_update();
  w.remote_staff("900", "owner@clinic.example");
  w.remote_client("102",
                  {{"email", "una@example.com"}, {"first_name", "Una"}, {"last_name", "Ode"}});
  engine::PlanOptions o;
  o.targets = {"client.mrn-1"};
  auto out = w.plan(o);
  REQUIRE(out.diagnostics.empty());
  CHECK(out.plan.unmanaged.empty());
  CHECK(out.plan.unmanaged_not_shown == 2);
  std::string text = engine::render::render_human(out.plan, options());
  CHECK(text.find("\nNot managed by rosterform, left alone: 2 users, not listed under -target.\n\n"
                  "Plan: 0 to create, 1 to update, 0 to deactivate.\n") != std::string::npos);
  CHECK(text.find("owner@clinic.example") == std::string::npos);
  std::string md = engine::render::render_markdown(out.plan, options());
  CHECK(md.find("\n_Not managed by rosterform and left alone: 2 users, not listed under "
                "`-target`._\n\n---\n") != std::string::npos);
  auto j = nlohmann::json::parse(engine::render::render_json(out.plan, out.diagnostics, options()));
  CHECK(j["summary"]["unmanaged"] == 2);
  CHECK(j["unmanaged"].empty());
}
