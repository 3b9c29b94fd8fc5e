// make_plan: the diff's stages in order.
//
// Staff are planned before clients because a client's `provider` resolves
// to a staff member whose fate (created, kept, deactivated) must be known:
// a reference to a member this plan creates is "known after apply", and a
// client left with a departing member is an error or a guard-rail matter.
// Checks collect every problem before stopping, like the loader does, and
// guard rails run last on the finished, ordered and targeted plan.
#include "engine/plan/diff.hpp"

#include "engine/plan/diff_context.hpp"

namespace rosterform::engine {

DiffContext::DiffContext(const PlanInputs& inputs) : in(inputs) {
  staff = KindInputs{Kind::staff, SchemaFields::of(inputs.staff_schema), &inputs.desired.staff,
                     &inputs.current.staff, &inputs.prior, inputs.desired.staff_declared};
  clients = KindInputs{Kind::client, SchemaFields::of(inputs.client_schema),
                       &inputs.desired.clients, &inputs.current.clients, &inputs.prior,
                       inputs.desired.clients_declared};
  staff.hasher = inputs.hasher;
  clients.hasher = inputs.hasher;
}

PlanOutcome make_plan(const PlanInputs& inputs) {
  DiffContext ctx(inputs);
  ctx.staff_match = match_users(ctx.staff, ctx.diags);
  ctx.client_match = match_users(ctx.clients, ctx.diags);
  ctx.directory = std::make_unique<StaffDirectory>(ctx.staff, ctx.staff_match);
  check_staff_emails(ctx);

  plan_kind(ctx, Kind::staff);
  check_staff_references(ctx);
  check_clients(ctx);
  plan_kind(ctx, Kind::client);
  add_side_effects(ctx);
  hint_renames(ctx);

  ctx.plan.refresh_only = inputs.options.refresh_only;
  ctx.plan.targets = inputs.options.targets;
  if (inputs.options.refresh_only) {
    ctx.plan.changes.clear();
    ctx.plan.summary = {};
  } else {
    order_changes(ctx.plan, ctx.clients.fields);
    apply_targets(ctx);
    evaluate_guards(ctx);
  }
  recount(ctx.plan);
  ctx.diags.sort();
  return PlanOutcome{std::move(ctx.plan), std::move(ctx.diags)};
}

}  // namespace rosterform::engine
