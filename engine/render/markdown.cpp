#include "engine/render/markdown.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "engine/render/markdown_entry.hpp"
#include "engine/render/mask.hpp"
#include "engine/version.hpp"

namespace rosterform::engine::render {

namespace {

constexpr std::size_t k_drift_listed = 50;
constexpr std::size_t k_findings_listed = 20;

// The order of the <details> blocks: what adds first, what removes last.
constexpr std::array<Action, 6> k_groups = {Action::create, Action::update,     Action::reactivate,
                                            Action::adopt,  Action::deactivate, Action::forget};
// The order of the verdict line's counts (docs/gitops.md).
constexpr std::array<Action, 6> k_counted = {Action::create, Action::update,     Action::deactivate,
                                             Action::reactivate, Action::adopt, Action::forget};

std::string_view title(Action a) {
  switch (a) {
    case Action::create:
      return "Create";
    case Action::update:
      return "Update";
    case Action::reactivate:
      return "Reactivate";
    case Action::adopt:
      return "Adopt";
    case Action::deactivate:
      return "Deactivate";
    case Action::forget:
      return "Stop managing";
    case Action::no_op:
      break;
  }
  return "?";
}

std::string_view verdict_word(const Plan& p) {
  if (p.refused()) {
    return "⛔ Refused by a guard rail";
  }
  if (p.refresh_only) {
    return "🔎 Drift report: nothing to apply";
  }
  return p.has_changes() ? "📝 Ready to apply" : "✅ No changes";
}

std::string verdict(const Plan& p) {
  std::string counts;
  for (Action a : k_counted) {
    counts += fmt::format(" · {} {}", p.summary.count(a), engine::to_string(a));
  }
  std::string rules;
  for (const GuardResult& g : p.guards) {
    rules += fmt::format("{}`{}` {}", rules.empty() ? "" : ", ", engine::to_string(g.rule),
                         engine::to_string(g.status));
  }
  return fmt::format("**{}**{} · {} drifted · guard rails: {}\n\n", verdict_word(p), counts,
                     p.drift.size(), rules);
}

std::string binding_line(const PlanBinding& b) {
  std::string commit = b.commit.empty() ? "commit: not a git checkout"
                                        : fmt::format("commit {}", markdown_code(b.commit));
  std::string hash = b.plan_hash.empty() ? "plan hash: none"
                                         : fmt::format("plan hash {}", markdown_code(b.plan_hash));
  std::string state = b.state_present ? fmt::format("state lineage {} serial {}",
                                                    markdown_code(b.lineage), b.serial)
                                      : "state: none yet";
  std::string api = b.api_version.empty() ? "" : fmt::format(" · Healthie API {}", markdown_code(b.api_version));
  return fmt::format("<sub>workspace {} · {} · {} · {}{} · rosterform {}</sub>\n\n",
                     markdown_code(b.workspace), commit, hash, state, api,
                     markdown_code(engine::k_version));
}

// An overridden rule says which flag lifted it, not how to lift it. Up to
// k_findings_listed findings per rule, so that the part of the comment that
// is never cut stays well within the budget.
std::string refusals(const Plan& p) {
  std::string out;
  for (const GuardResult& g : p.guards) {
    if (g.status == GuardStatus::passed) {
      continue;
    }
    std::size_t listed = std::min(g.findings.size(), k_findings_listed);
    for (std::size_t i = 0; i < listed; ++i) {
      const std::string& f = g.findings[i];
      if (g.status == GuardStatus::refused) {
        out += fmt::format(
            "> **Refused by guard rail `{}`**: {}. Override this rule only with `{}`.\n\n",
            engine::to_string(g.rule), f, override_flag(g.rule));
      } else {
        out += fmt::format("> **Guard rail `{}` overridden** by `{}`: {}.\n\n",
                           engine::to_string(g.rule), override_flag(g.rule), f);
      }
    }
    if (listed < g.findings.size()) {
      out += fmt::format("> … and {} more findings of `{}`; `rosterform plan` lists them all.\n\n",
                         g.findings.size() - listed, engine::to_string(g.rule));
    }
  }
  return out;
}

std::string details(std::string_view summary, std::string_view body) {
  return fmt::format("<details><summary>{}</summary>\n\n{}\n</details>\n\n", summary, body);
}

std::string drift(const Plan& p) {
  if (p.drift.empty()) {
    return {};
  }
  std::string body;
  std::size_t listed = std::min(p.drift.size(), k_drift_listed);
  for (std::size_t i = 0; i < listed; ++i) {
    body += markdown_drift(p.drift[i]);
  }
  if (listed < p.drift.size()) {
    body += fmt::format("- … and {} more\n", p.drift.size() - listed);
  }
  return details(fmt::format("<b>Changed outside rosterform ({})</b>", p.drift.size()), body);
}

std::string unmanaged(const Plan& p) {
  std::string out;
  if (std::size_t n = p.unmanaged_not_shown; n > 0) {
    out += fmt::format(
        "_Not managed by rosterform and left alone: {} user{}, not listed under `-target`._\n\n",
        n, n == 1 ? "" : "s");
  }
  if (!p.unmanaged.empty()) {
    auto staff = static_cast<std::size_t>(std::count_if(
        p.unmanaged.begin(), p.unmanaged.end(),
        [](const UnmanagedUser& u) { return u.kind == Kind::staff; }));
    std::size_t clients = p.unmanaged.size() - staff;
    out += fmt::format("_Not managed by rosterform and left alone: {} staff, {} client{}._\n\n",
                       staff, clients, clients == 1 ? "" : "s");
  }
  return out;
}

constexpr std::string_view k_replan =
    "To re-plan, push a commit to this branch or re-run the plan check; this comment is then "
    "updated in place.";

std::string footer(const Plan& p) {
  std::string what;
  if (p.refused()) {
    what = "**A refused plan is not saved, so merging applies nothing.** Change the roster, or, "
           "if every finding above is intended, re-run the plan with the override flag it "
           "names.";
  } else if (p.refresh_only) {
    return "---\n\n**This drift report applies nothing.** To keep Healthie's values, change the "
           "roster to match them in a pull request; to restore the roster's, plan and apply. "
           "The scheduled drift check updates this report while the drift lasts.\n";
  } else if (!p.has_changes()) {
    what = "**Merging changes nothing in Healthie.**";
  } else {
    what = "**Merging applies exactly this plan; it is refused if Healthie or the state moved.**";
  }
  return fmt::format("---\n\n{} {}\n", what, k_replan);
}

std::string omission(std::size_t left_out, std::size_t total, const PlanBinding& b) {
  std::string where = b.full_plan_url.empty()
                          ? "in the CI run's artefact (`rosterform show -json PLANFILE` prints it)"
                          : fmt::format("in the CI run's artefact: {}", b.full_plan_url);
  return fmt::format(
      "**{} of {} changes are not shown here**: the comment is cut to fit the host's size "
      "limit. The full masked plan is {}.\n\n",
      left_out, total, where);
}

// The changes, group by group, while they fit: cut before the first change
// that does not, so the comment never ends inside one.
struct Body {
  std::string text;
  std::size_t shown = 0;
};

Body changes(const Plan& p, const RenderOptions& o, TextSize used, CommentBudget budget) {
  Body body;
  for (Action a : k_groups) {
    std::size_t n = p.summary.count(a);
    if (n == 0) {
      continue;
    }
    std::string items;
    std::string empty = details(fmt::format("<b>{} ({})</b>", title(a), n), "");
    TextSize frame = measure(empty);
    bool cut = false;
    for (const Change& c : p.changes) {
      if (c.action != a) {
        continue;
      }
      std::string item = markdown_change(c, o);
      TextSize cost = measure(item) + (items.empty() ? frame : TextSize{});
      if (!(used + cost).within(budget)) {
        cut = true;
        break;
      }
      used += cost;
      items += item;
      ++body.shown;
    }
    if (!items.empty()) {
      body.text += details(fmt::format("<b>{} ({})</b>", title(a), n), items);
    }
    if (cut) {
      break;
    }
  }
  return body;
}

}  // namespace

std::string markdown_marker(std::string_view workspace) {
  return fmt::format("<!-- rosterform:plan workspace={} -->", workspace);
}

std::string render_markdown(const Plan& plan, const RenderOptions& options,
                            const PlanBinding& binding, CommentBudget budget) {
  std::string head = markdown_marker(binding.workspace) + "\n### rosterform plan\n\n" +
                     verdict(plan) + binding_line(binding);
  if (!plan.targets.empty()) {
    head += fmt::format("> {}\n\n", k_targeting_warning);
  }
  head += refusals(plan) + drift(plan);
  std::string tail = (plan.refresh_only ? std::string() : unmanaged(plan)) + footer(plan);
  std::size_t total = plan.refresh_only ? 0 : plan.changes.size();
  TextSize fixed = measure(head) + measure(tail);
  Body body = plan.refresh_only ? Body{} : changes(plan, options, fixed, budget);
  if (body.shown == total) {
    return head + body.text + tail;
  }
  // Cut: again, leaving room for the omission line at its longest.
  body = changes(plan, options, fixed + measure(omission(total, total, binding)), budget);
  return head + body.text + omission(total - body.shown, total, binding) + tail;
}

}  // namespace rosterform::engine::render
