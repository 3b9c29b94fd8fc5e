// -target: plan only some users. A targeted change keeps what it depends on
// (a client's new provider is created too), since applying it alone would
// fail. Checks still run over the whole roster: a targeted plan never hides
// an ambiguous match elsewhere. A target that names nothing is an error
// rather than an empty plan, so a typo cannot look like "No changes."
//
// Like Terraform's -target, the plan then shows only the targeted users:
// the unmanaged users are not listed (none can be a target), but their
// number is kept, so a reviewer still sees that they exist.
#include <algorithm>

#include <fmt/format.h>

#include "engine/plan/diff_context.hpp"
#include "engine/plan/handle.hpp"

namespace rosterform::engine {

namespace {

// A target is a handle (engine/plan/handle.hpp): a key, a Healthie id or
// a roster location.
bool names(const std::string& target, const Address& a) {
  return engine::names(parse_handle(target), a);
}

bool names_anything(const DiffContext& ctx, const std::string& target) {
  Handle h = parse_handle(target);
  for (Kind kind : {Kind::staff, Kind::client}) {
    for (const DesiredUser& d : *ctx.of(kind).desired) {
      if (engine::names(h, Address{kind, d.key, false, {}, d.location})) {
        return true;
      }
    }
    for (const ManagedRecord& r : ctx.in.prior.records) {
      if (r.kind == kind && engine::names(h, Address{kind, r.key, false, r.user_id, {}})) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

void apply_targets(DiffContext& ctx) {
  const std::vector<std::string>& targets = ctx.in.options.targets;
  if (targets.empty()) {
    return;
  }
  Plan& plan = ctx.plan;
  std::vector<bool> kept(plan.changes.size(), false);
  std::vector<bool> used(targets.size(), false);
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    for (std::size_t t = 0; t < targets.size(); ++t) {
      if (names(targets[t], plan.changes[i].address)) {
        kept[i] = true;
        used[t] = true;
      }
    }
  }
  // Dependencies always point to earlier changes, so one backward pass
  // closes the set.
  for (std::size_t i = plan.changes.size(); i-- > 0;) {
    if (kept[i]) {
      for (std::size_t d : plan.changes[i].depends_on) {
        kept[d] = true;
      }
    }
  }
  std::vector<Change> changes;
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    if (kept[i]) {
      changes.push_back(std::move(plan.changes[i]));
    }
  }
  plan.changes = std::move(changes);
  link_dependencies(plan, ctx.clients.fields);
  std::erase_if(plan.drift, [&](const Drift& d) {
    return std::none_of(targets.begin(), targets.end(),
                        [&](const std::string& t) { return names(t, d.address); });
  });
  plan.unmanaged_not_shown = plan.unmanaged.size();
  plan.unmanaged.clear();
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (!used[t] && !names_anything(ctx, targets[t])) {
      ctx.diags.error({}, fmt::format("-target {}: no roster entry or state entry has this "
                                      "handle; handles look like {}",
                                      echo_handle(targets[t]), k_handle_grammar));
    }
  }
  // No-ops outside the targets were not considered: do not report them.
  plan.summary.by_action[static_cast<std::size_t>(Action::no_op)] = 0;
}

}  // namespace rosterform::engine
