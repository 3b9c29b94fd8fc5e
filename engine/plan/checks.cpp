// Checks that stop the plan with an error, because no correct plan exists:
//   * a staff entry whose email belongs to a Healthie client, or a client
//     entry whose email belongs to a staff member: one of them would be
//     created or matched through the other kind's mutations (and staff must
//     never go through createClient);
//   * a `provider` or `reassign_clients_to` naming nobody;
//   * a client the roster keeps active whose provider is being deactivated,
//     or that it assigns anew to a deactivated member (one that already has
//     it is a warning: Healthie keeps such assignments);
//   * a client created without a provider while
//     policy.require_provider_for_clients is true.
// Messages name entries by key or location, never by a client's values.
#include <fmt/format.h>

#include "engine/plan/diff_context.hpp"
#include "engine/plan/identity_index.hpp"
#include "engine/warning_kinds.hpp"

namespace rosterform::engine {

namespace {

// Unmatched staff entries whose email a Healthie client already has.
void check_staff_against_clients(DiffContext& ctx) {
  const auto& staff = ctx.in.desired.staff;
  IdentityIndex unmatched;
  for (std::uint32_t i = 0; i < staff.size(); ++i) {
    const Match& m = ctx.staff_match.desired[i];
    if (m.remote == k_no_index && !m.failed) {
      unmatched.add(identity_hash(staff[i].fields.value_or_empty(ctx.staff.fields.email), true), i);
    }
  }
  if (unmatched.empty()) {
    return;  // every staff entry matched a staff member: nothing to clash
  }
  const auto& clients = ctx.in.current.clients;
  for (const RemoteUser& c : clients) {
    std::string_view email = c.fields.value_or_empty(ctx.clients.fields.email);
    if (email.empty()) {
      continue;
    }
    auto hits = unmatched.find(identity_hash(email, true), [&](std::uint32_t i) {
      return equals_folded(staff[i].fields.value_or_empty(ctx.staff.fields.email), email);
    });
    for (std::uint32_t i : hits) {
      ctx.diags.error(staff[i].location,
                      fmt::format("staff.{}: this email belongs to Healthie client {}; staff are "
                                  "never created as clients and one email cannot be both: use "
                                  "another work email for the staff member",
                                  staff[i].key, c.user_id));
    }
  }
}

}  // namespace

void check_staff_emails(DiffContext& ctx) {
  check_staff_against_clients(ctx);
}

void check_staff_references(DiffContext& ctx) {
  for (const DesiredUser& d : ctx.in.desired.staff) {
    if (d.reassign_clients_to.empty()) {
      continue;
    }
    const StaffEntry* to = ctx.directory->by_email(d.reassign_clients_to);
    if (to == nullptr) {
      ctx.diags.error(d.location,
                      fmt::format("staff.{}: reassign_clients_to '{}' is not a staff member in "
                                  "the roster or in Healthie; name an active staff member",
                                  d.key, d.reassign_clients_to));
    } else if (!to->active_after) {
      ctx.diags.error(d.location,
                      fmt::format("staff.{}: reassign_clients_to '{}' is not active after this "
                                  "plan; name an active staff member",
                                  d.key, d.reassign_clients_to));
    }
  }
}

namespace {

// The two fields the client checks read, found in one walk of the record:
// a million entries are each touched once, not once per check.
struct ClientFacts {
  std::string_view email;
  std::string_view provider;
  bool active = true;
};

ClientFacts facts_of(const SchemaFields& f, const Record& r) {
  ClientFacts out;
  for (const auto& [id, value] : r.fields()) {
    if (f.email && id == *f.email) {
      out.email = value;
    } else if (f.reference && id == *f.reference) {
      out.provider = value;
    } else if (f.active && id == *f.active) {
      out.active = value != "false";
    }
  }
  return out;
}

// Whether the plan gives desired client `i` the provider `s`: it creates the
// client, or Healthie's provider of the matched client is someone else.
bool assigns(const DiffContext& ctx, std::uint32_t i, const StaffEntry* s) {
  const Match& m = ctx.client_match.desired[i];
  if (m.remote == k_no_index) {
    return true;
  }
  const RemoteUser& r = ctx.in.current.clients[m.remote];
  auto had = ctx.clients.fields.reference ? r.fields.get(*ctx.clients.fields.reference)
                                          : std::nullopt;
  return !had || ctx.directory->resolve(*had) != s;
}

void check_provider(DiffContext& ctx, std::uint32_t i, const ClientFacts& c) {
  const DesiredUser& d = ctx.in.desired.clients[i];
  const StaffEntry* s = ctx.directory->by_email(c.provider);
  if (s == nullptr) {
    ctx.diags.error(d.location,
                    fmt::format("{}: provider '{}' is not a staff member in the roster or in "
                                "Healthie; add them under `staff:` or correct the email",
                                entry_label(d), c.provider));
    return;
  }
  if (s->active_after || !c.active) {
    return;
  }
  if (s->planned == Action::deactivate) {
    std::string hint =
        s->reassign_clients_to.empty()
            ? std::string()
            : fmt::format(" (their reassign_clients_to is {})", s->reassign_clients_to);
    ctx.diags.error(d.location, fmt::format("{}: its provider {} is being deactivated; set "
                                            "`provider:` to another staff member{}",
                                            entry_label(d), s->email, hint));
  } else if (assigns(ctx, i, s)) {
    ctx.diags.error(d.location, fmt::format("{}: its provider {} is deactivated in Healthie; set "
                                            "`provider:` to an active staff member",
                                            entry_label(d), s->email));
  } else if (s->desired == k_no_index) {
    // Healthie already has it so (a member deactivated without handing
    // their clients on): a warning. When the roster lists the member, the
    // loader has said it already.
    ctx.diags.warning(warning_kinds::deactivated_provider, d.location,
                      fmt::format("{}: its provider {} is deactivated in Healthie, which "
                                  "keeps the assignment; plan refuses to assign a client to a "
                                  "deactivated member: assign an active provider",
                                  entry_label(d), s->email));
  }
}

// A client the plan creates without a provider: Healthie would give it the
// API key's user, which the policy exists to prevent.
void check_create_without_provider(DiffContext& ctx, std::uint32_t i) {
  if (!ctx.in.desired.policy.require_provider_for_clients ||
      ctx.client_match.desired[i].remote != k_no_index || ctx.client_match.desired[i].failed) {
    return;
  }
  const DesiredUser& d = ctx.in.desired.clients[i];
  ctx.diags.error(d.location,
                  fmt::format("{}: has no provider and would be created; Healthie would assign it "
                              "to the API key's user: add 'provider: <staff email>' (policy "
                              "require_provider_for_clients is true)",
                              entry_label(d)));
}

}  // namespace

// Runs once staff fates are known: every client entry's email against the
// staff emails, and its provider against the staff directory.
void check_clients(DiffContext& ctx) {
  IdentityIndex staff_emails;
  std::vector<std::string_view> emails;
  for (const StaffEntry& s : ctx.directory->entries()) {
    staff_emails.add(identity_hash(s.email, true), static_cast<std::uint32_t>(emails.size()));
    emails.emplace_back(s.email);
  }
  const auto& clients = ctx.in.desired.clients;
  for (std::uint32_t at = 0; at < clients.size(); ++at) {
    const DesiredUser& d = clients[at];
    ClientFacts c = facts_of(ctx.clients.fields, d.fields);
    if (!c.email.empty() &&
        staff_emails.find_first(identity_hash(c.email, true), [&](std::uint32_t i) {
          return equals_folded(emails[i], c.email);
        }) != UINT32_MAX) {
      ctx.diags.error(d.location,
                      fmt::format("{}: its email belongs to a staff member; clients and staff "
                                  "must have different emails, or the client would be matched "
                                  "to (and changed through) the staff member's account",
                                  entry_label(d)));
    }
    if (!c.provider.empty()) {
      check_provider(ctx, at, c);
    } else {
      check_create_without_provider(ctx, at);
    }
  }
}

}  // namespace rosterform::engine
