// The pull-request comment (`plan -markdown`): its exact layout, its marker
// and binding, and the size budget — cut between changes, never inside one,
// counted in characters (UTF-16 units) and in UTF-8 bytes.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "engine/render/comment_budget.hpp"
#include "engine/render/markdown.hpp"
#include "engine/version.hpp"
#include "tests/unit/support/fake_provider.hpp"

using namespace rosterform;
using engine::render::CommentBudget;
using engine::render::PlanBinding;
using engine::render::RenderOptions;
using engine::render::measure;
using testing::PlanWorld;

namespace {

RenderOptions options() {
  return RenderOptions{&healthie::staff_schema(), &healthie::client_schema(), false, false};
}

PlanBinding binding() {
  PlanBinding b;
  b.workspace = "clinic-prod";
  b.commit = "0123456789abcdef0123456789abcdef01234567";
  b.plan_hash = "ab12";
  b.state_present = true;
  b.lineage = "3f0c";
  b.serial = 7;
  b.api_version = "2026-01-01";
  return b;
}

// A world of `n` staff members to create.
PlanWorld creates(int n, const std::string& qualifications = "RD") {
  PlanWorld w;
  for (int i = 0; i < n; ++i) {
    w.staff(fmt::format("member{:04}@clinic.example", i), {{"qualifications", qualifications}});
  }
  return w;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) {
    ++n;
  }
  return n;
}

// Every change shown is whole: each list item is followed by its sub-item
// and the block is closed.
void check_whole_entries(const std::string& md) {
  CHECK(count(md, "\n- `staff.") == count(md, "\n  - `email`: "));
  CHECK(count(md, "<details>") == count(md, "</details>"));
}

}  // namespace

TEST_CASE("markdown comment: the exact layout of a small plan") {
  PlanWorld w;
  w.staff("dr.a@clinic.example", {{"timezone", "America/Chicago"}});
  w.remote_staff("901", "dr.a@clinic.example", {{"timezone", "America/New_York"}});
  w.manage(engine::Kind::staff, "dr.a@clinic.example", "901");
  auto out = w.plan();
  std::string version(engine::k_version);
  CHECK(engine::render::render_markdown(out.plan, options(), binding()) ==
        std::string("<!-- rosterform:plan workspace=clinic-prod -->\n"
        "### rosterform plan\n"
        "\n"
        "**📝 Ready to apply** · 0 create · 1 update · 0 deactivate · 0 reactivate · 0 adopt · "
        "0 forget · 0 drifted · guard rails: `max_deactivations` passed, `protected_accounts` "
        "passed, `provider_with_clients` passed, `max_updates` passed, `max_reassignments` "
            "passed, `last_admin` passed\n"
        "\n"
        "<sub>workspace `clinic-prod` · commit `0123456789abcdef0123456789abcdef01234567` · "
        "plan hash `ab12` · state lineage `3f0c` serial 7 · Healthie API `2026-01-01` · "
        "rosterform `") + version + "`</sub>\n"
        "\n"
        "<details><summary><b>Update (1)</b></summary>\n"
        "\n"
        "- `staff.dr.a@clinic.example` (`staff.id:901`, `roster/staff.yaml:1`) — timezone "
        "differs\n"
        "  - `timezone`: `\"America/New_York\"` → `\"America/Chicago\"`\n"
        "\n"
        "</details>\n"
        "\n"
        "---\n"
        "\n"
        "**Merging applies exactly this plan; it is refused if Healthie or the state moved.** "
        "To re-plan, push a commit to this branch or re-run the plan check; this comment is "
        "then updated in place.\n");
}

TEST_CASE("markdown comment: without a commit, a hash or a state it says so") {
  PlanWorld w;
  auto out = w.plan();
  PlanBinding b;
  std::string md = engine::render::render_markdown(out.plan, options(), b);
  CHECK(md.starts_with("<!-- rosterform:plan workspace=default -->\n### rosterform plan\n\n"
                       "**✅ No changes** · 0 create"));
  CHECK(md.find("<sub>workspace `default` · commit: not a git checkout · plan hash: none · "
                "state: none yet · rosterform `") != std::string::npos);
  CHECK(md.ends_with("---\n\n**Merging changes nothing in Healthie.** To re-plan, push a commit "
                     "to this branch or re-run the plan check; this comment is then updated in "
                     "place.\n"));
}

TEST_CASE("markdown comment: a refused plan says merging applies nothing") {
  PlanWorld w;
  for (int i = 0; i < 12; ++i) {
    std::string id = std::to_string(100 + i);
    w.remote_client(id, {{"email", "c" + id + "@example.com"}, {"first_name", "C"}, {"last_name", "L"}});
    w.manage(engine::Kind::client, "mrn-" + id, id);
  }
  auto out = w.plan();
  REQUIRE(out.plan.refused());
  std::string md = engine::render::render_markdown(out.plan, options(), binding());
  CHECK(md.find("\n**⛔ Refused by a guard rail** · 0 create · 0 update · 12 deactivate · "
                "0 reactivate · 0 adopt · 0 forget · 0 drifted · guard rails: "
                "`max_deactivations` refused, ") != std::string::npos);
  CHECK(md.find("> **Refused by guard rail `max_deactivations`**: ") != std::string::npos);
  CHECK(md.ends_with("---\n\n**A refused plan is not saved, so merging applies nothing.** "
                     "Change the roster, or, if every finding above is intended, re-run the "
                     "plan with the override flag it names. To re-plan, push a commit to this "
                     "branch or re-run the plan check; this comment is then updated in place.\n"));
}

TEST_CASE("markdown comment: sizes are UTF-16 units and UTF-8 bytes") {
  CHECK(measure("abc").chars == 3);
  CHECK(measure("abc").bytes == 3);
  CHECK(measure("é").chars == 1);
  CHECK(measure("é").bytes == 2);
  CHECK(measure("李").chars == 1);
  CHECK(measure("李").bytes == 3);
  CHECK(measure("😀").chars == 2);  // a surrogate pair
  CHECK(measure("😀").bytes == 4);
  CHECK((measure("a") + measure("😀")).within(CommentBudget{3, 5}));
  CHECK_FALSE((measure("a") + measure("😀")).within(CommentBudget{2, 5}));
  CHECK_FALSE((measure("a") + measure("😀")).within(CommentBudget{3, 4}));
}

TEST_CASE("markdown comment: exactly at the budget nothing is cut; one less cuts a whole change") {
  auto out = creates(5).plan();
  std::string whole = engine::render::render_markdown(out.plan, options(), binding());
  auto size = measure(whole);
  CHECK(engine::render::render_markdown(out.plan, options(), binding(),
                                        CommentBudget{size.chars, size.bytes}) == whole);
  std::string cut = engine::render::render_markdown(out.plan, options(), binding(),
                                                    CommentBudget{size.chars - 1, size.bytes});
  CHECK(measure(cut).chars <= size.chars - 1);
  CHECK(cut.starts_with("<!-- rosterform:plan workspace=clinic-prod -->\n"));
  std::size_t shown = count(cut, "\n- `staff.");
  CHECK(shown < 5);
  CHECK(cut.find(fmt::format("**{} of 5 changes are not shown here**: the comment is cut to fit "
                             "the host's size limit. The full masked plan is in the CI run's "
                             "artefact (`rosterform show -json PLANFILE` prints it).\n\n---\n",
                             5 - shown)) != std::string::npos);
  check_whole_entries(cut);
  CHECK(cut.ends_with("this comment is then updated in place.\n"));
}

TEST_CASE("markdown comment: a budget with no room for any change keeps the summary and footer") {
  auto out = creates(3).plan();
  std::string whole = engine::render::render_markdown(out.plan, options(), binding());
  std::size_t first = whole.find("<details>");
  REQUIRE(first != std::string::npos);
  // Room for the head, the omission line and the footer, not for one change.
  std::string cut = engine::render::render_markdown(out.plan, options(), binding(),
                                                    CommentBudget{first + 400, 1 << 20});
  CHECK(cut.find("<details>") == std::string::npos);
  CHECK(cut.find("**3 of 3 changes are not shown here**") != std::string::npos);
  CHECK(cut.find("**📝 Ready to apply** · 3 create") != std::string::npos);
}

TEST_CASE("markdown comment: the byte budget binds on multibyte text, and names the artefact") {
  std::string name;
  for (int i = 0; i < 8; ++i) {
    name += "李小龍😀";
  }
  auto out = creates(40, name).plan();
  PlanBinding b = binding();
  b.full_plan_url = "https://ci.example/runs/42#artifacts";
  std::string whole = engine::render::render_markdown(out.plan, options(), b);
  auto size = measure(whole);
  REQUIRE(size.bytes > size.chars + 1000);
  CommentBudget budget{size.chars, size.chars};  // as many bytes as the whole has characters
  std::string cut = engine::render::render_markdown(out.plan, options(), b, budget);
  CHECK(measure(cut).bytes <= budget.bytes);
  CHECK(measure(cut).chars <= budget.chars);
  std::size_t shown = count(cut, "\n- `staff.");
  CHECK(shown > 0);
  CHECK(shown < 40);
  CHECK(cut.find(fmt::format("**{} of 40 changes are not shown here**: the comment is cut to "
                             "fit the host's size limit. The full masked plan is in the CI "
                             "run's artefact: https://ci.example/runs/42#artifacts.\n",
                             40 - shown)) != std::string::npos);
  check_whole_entries(cut);
  CHECK(cut.find("`qualifications`: `\"" + name + "\"`") != std::string::npos);
}

TEST_CASE("markdown comment: the default budget holds 3,000 changes to both limits") {
  auto out = creates(3000).plan();
  std::string md = engine::render::render_markdown(out.plan, options(), binding());
  CHECK(measure(md).chars <= 65536);
  CHECK(measure(md).bytes <= 262144);
  CHECK(measure(md).chars > 60000);  // cut near the limit, not far below it
  std::size_t shown = count(md, "\n- `staff.");
  CHECK(md.find(fmt::format("**{} of 3000 changes are not shown here**", 3000 - shown)) !=
        std::string::npos);
  check_whole_entries(md);
}

TEST_CASE("markdown comment: the marker names the workspace and comes first") {
  CHECK(engine::render::markdown_marker("clinic-prod") ==
        "<!-- rosterform:plan workspace=clinic-prod -->");
  PlanBinding b;
  b.workspace = "staging";
  auto out = creates(1).plan();
  CHECK(engine::render::render_markdown(out.plan, options(), b)
            .starts_with("<!-- rosterform:plan workspace=staging -->\n### rosterform plan\n"));
}

TEST_CASE("markdown comment: at most 20 findings per rule, then how many more") {
  PlanWorld w;
  for (int i = 0; i < 25; ++i) {
    std::string id = std::to_string(900 + i);
    std::string email = fmt::format("keep{:02}@clinic.example", i);
    w.remote_staff(id, email);
    w.manage(engine::Kind::staff, email, id);
    w.desired.policy.protected_emails.push_back(email);
  }
  auto out = w.plan();
  REQUIRE(out.plan.refused());
  std::string md = engine::render::render_markdown(out.plan, options(), binding());
  CHECK(count(md, "> **Refused by guard rail `protected_accounts`**") == 20);
  CHECK(md.find("> … and 5 more findings of `protected_accounts`; `rosterform plan` lists them "
                "all.\n\n") != std::string::npos);
}
