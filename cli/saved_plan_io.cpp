#include "cli/saved_plan_io.hpp"

#include <ctime>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/plan/fingerprint.hpp"
#include "engine/plan/handle.hpp"
#include "engine/plan/prior_state.hpp"
#include "state/private_file.hpp"
#include "state/sealed_plan.hpp"

namespace rosterform::cli {

namespace {

bool is_identity_field(const engine::Change& c, std::string_view name) {
  return name == "email" ||
         (c.address.kind == engine::Kind::client && (name == "first_name" || name == "last_name"));
}

// The fields that identify a user to Healthie's search: a staff email; a
// client's email, first and last name. For an existing user, from the plan's
// `before` values (what Healthie held when the plan was made); for a create,
// from its `after` values (what it would create).
engine::Record identity_of(const engine::Change& c, const engine::ResourceSchema& schema) {
  engine::Record identity;
  bool create = c.action == engine::Action::create;
  if (!create && !c.fingerprint.identity.empty()) {
    // The values Healthie held, whatever fields the change itself lists (a
    // deactivation lists only `active`).
    for (const auto& [id, value] : c.fingerprint.identity) {
      identity.set(id, value);
    }
    return identity;
  }
  for (const engine::FieldChange& f : c.fields) {
    const std::optional<std::string>& value = create ? f.after : f.before;
    if (is_identity_field(c, schema.at(f.field).name) && value) {
      identity.set(f.field, *value);
    }
  }
  return identity;
}

// How a stale-plan message names a record: its non-PHI handle and, for an
// existing user, the Healthie id.
std::string record_label(const engine::Change& c) {
  std::string label = engine::label(c.address);
  if (!c.address.user_id.empty() && label.find(c.address.user_id) == std::string::npos) {
    label += fmt::format(" (Healthie user {})", c.address.user_id);
  }
  return label;
}

std::string moved_what(const engine::Movement& m, const engine::ResourceSchema& schema) {
  if (m.other_user) {
    return "its identity now finds another Healthie user";
  }
  std::vector<std::string> names;
  if (m.active) {
    names.emplace_back("active");
  }
  for (engine::FieldId f : m.fields) {
    names.emplace_back(schema.at(f).name);
  }
  if (names.empty()) {
    return "its updated_at moved";
  }
  return fmt::format("{} changed", fmt::join(names, ", "));
}

engine::Status stale(const std::string& path, const std::string& what) {
  return engine::fail(fmt::format(
      "the saved plan {} is stale: {}; run rosterform plan again", path, what));
}

// The earlier run of this very plan that the state remembers, if any.
const state::PlanProgress* progress_of(const state::StateFile& now, const state::SavedPlan& saved,
                                       const std::string& hash) {
  const auto& last = now.last_apply;
  // A plan made before any state existed names a lineage that was never
  // saved; the run that carried it out created the state's own.
  bool same_lineage = saved.lineage == now.lineage || !saved.state_present;
  bool same = last && last->plan_hash == hash && last->base_serial == saved.serial &&
              same_lineage && last->changes == saved.plan.changes.size();
  return same ? &*last : nullptr;
}

engine::Status check_state(const Session& session, const state::SavedPlan& saved,
                           const std::string& path, const state::PlanProgress* progress) {
  const state::StateFile& now = session.state_file();
  // A run of this plan that stopped part way has journalled (same serial)
  // or saved (the next serial) what it made; nothing else may have moved.
  bool resumed = progress != nullptr &&
                 (now.serial == saved.serial || now.serial == saved.serial + 1);
  if (saved.state_present && !resumed &&
      (saved.lineage != now.lineage || saved.serial != now.serial)) {
    return stale(path, fmt::format("the state changed since it was made (lineage {} serial {}, "
                                   "now lineage {} serial {})",
                                   saved.lineage, saved.serial, now.lineage, now.serial));
  }
  if (!saved.state_present && session.state_present() && progress == nullptr) {
    return stale(path, "it was made before any state existed, and another apply has run since");
  }
  return {};
}

engine::Status check_age(const state::SavedPlan& saved, const std::string& path,
                         std::chrono::milliseconds max_age) {
  auto age = std::chrono::seconds(std::time(nullptr) - saved.created_unix);
  // Whole seconds: at the limit is too old, so -plan-max-age=0s refuses every plan.
  if (age >= max_age) {
    return engine::fail(fmt::format(
        "the saved plan {} is too old: made {} ({} minutes ago), and -plan-max-age is {} minutes; "
        "run rosterform plan again",
        path, saved.created, age.count() / 60,
        std::chrono::duration_cast<std::chrono::minutes>(max_age).count()));
  }
  return {};
}

engine::Result<std::optional<engine::RemoteUser>> look_up(Session& session,
                                                         const engine::Change& c) {
  return session.provider().find_by_identity(
      c.address.kind, identity_of(c, session.schemas().of(c.address.kind)));
}

// The identity as the change leaves it: a stopped run's finished steps may
// have changed it (a profile update of the email, before the membership).
engine::Record identity_after(const engine::Change& c, const engine::ResourceSchema& schema) {
  engine::Record identity = identity_of(c, schema);
  for (const engine::FieldChange& f : c.fields) {
    if (f.changed && f.after && is_identity_field(c, schema.at(f.field).name)) {
      identity.set(f.field, *f.after);
    }
  }
  return identity;
}

// The user a stopped run's finished steps made or changed: by the identity
// the plan saw, else by the one the change leaves.
engine::Result<std::optional<engine::RemoteUser>> look_up_part_done(Session& session,
                                                                   const engine::Change& c) {
  auto found = look_up(session, c);
  if (!found || *found) {
    return found;
  }
  return session.provider().find_by_identity(
      c.address.kind, identity_after(c, session.schemas().of(c.address.kind)));
}

// Healthie holds what the change would make: every changed field has its
// planned value, and `active` its planned state.
bool holds_after(const engine::Change& c, const engine::RemoteUser& now,
                 const engine::ResourceSchema& schema) {
  for (const engine::FieldChange& f : c.fields) {
    if (!f.changed || !f.after) {
      continue;
    }
    if (schema.at(f.field).name == "active") {
      if ((*f.after == "true") != now.is_active(f.field)) {
        return false;
      }
    } else if (now.fields.get(f.field) != std::optional<std::string_view>(*f.after)) {
      return false;
    }
  }
  return true;
}

// What a resumed run found of a change the stopped run had sent but not
// recorded: made (settled), or not (sent now).
struct InFlight {
  const state::PlanProgress* progress = nullptr;
  std::size_t index = 0;
  [[nodiscard]] bool sent() const { return progress != nullptr && progress->is_started(index); }
};

// A create must not exist yet, unless the stopped run sent it: then the
// user it finds is the one that run made, just before it stopped.
engine::Status check_create(Session& session, const engine::Change& c, const std::string& path,
                            InFlight flight, SavedPlanVerdict& verdict) {
  if (flight.progress == nullptr) {
    return {};  // a fresh plan: Healthie refuses a duplicate identity itself
  }
  auto found = look_up(session, c);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found) {
    return {};
  }
  if (flight.sent()) {
    verdict.settled.emplace_back(flight.index, **found);
    return {};
  }
  return engine::fail(fmt::format(
      "the saved plan {} was carried out in part by an earlier run, and {} now exists in "
      "Healthie as user {} although that run never sent it; it is not created: run rosterform "
      "plan again (it adopts the user)",
      path, record_label(c), (*found)->user_id));
}

// An existing user's record must be as the plan saw it, or, for a change
// the stopped run had sent, as the change would leave it.
engine::Status check_record(Session& session, const engine::Change& c, const std::string& path,
                            const engine::ValueHasher* hasher, InFlight flight,
                            SavedPlanVerdict& verdict) {
  const engine::ResourceSchema& schema = session.schemas().of(c.address.kind);
  auto found = look_up(session, c);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found) {
    return stale(path, fmt::format("{} is no longer found in Healthie", record_label(c)));
  }
  engine::Movement m =
      engine::movement_since(c.fingerprint, c.address.user_id, **found, hasher, schema);
  if (m.moved && flight.sent() && !m.other_user && holds_after(c, **found, schema)) {
    verdict.settled.emplace_back(flight.index, **found);
    return {};
  }
  if (m.moved) {
    return stale(path, fmt::format("{} changed in Healthie since the plan was made ({})",
                                   record_label(c), moved_what(m, schema)));
  }
  return {};
}

// A change of several calls the stopped run got part way with (a client
// created, not yet archived): resumed at the next step when the user is as
// those steps left it, settled when the next step turns out made, refused
// when anything else moved it.
engine::Status check_part_done(Session& session, const engine::Change& c, const std::string& path,
                               const state::PlanProgress::StepMark& mark, std::size_t index,
                               SavedPlanVerdict& verdict) {
  const engine::ResourceSchema& schema = session.schemas().of(c.address.kind);
  auto found = look_up_part_done(session, c);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found || (*found)->user_id != mark.user_id) {
    return stale(path, fmt::format("{} was made or changed in part by an earlier run (Healthie "
                                   "user {}), and Healthie no longer shows that user by its "
                                   "identity",
                                   record_label(c), mark.user_id));
  }
  if ((*found)->updated_at == mark.updated_at) {
    verdict.resume[index] = engine::ResumePoint{mark.done, mark.user_id, mark.membership_id};
    return {};
  }
  if (holds_after(c, **found, schema)) {
    verdict.settled.emplace_back(index, **found);
    return {};
  }
  return stale(path, fmt::format("{} changed in Healthie since an earlier run made part of this "
                                 "change (Healthie user {})",
                                 record_label(c), mark.user_id));
}

}  // namespace

bool SavedPlanVerdict::nothing_left() const {
  return already_applied_count > 0 && already_applied_count == already_applied.size();
}

engine::Status write_saved_plan(const Session& session, const engine::Plan& plan,
                                const std::string& path) {
  state::SavedPlan saved;
  saved.lineage = session.state_file().lineage;
  saved.serial = session.state_file().serial;
  saved.state_present = session.state_present();
  saved.roster_digest = session.roster_digest();
  std::time_t now = std::time(nullptr);
  saved.created_unix = static_cast<std::int64_t>(now);
  saved.created = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
  saved.plan = plan;
  std::string text = state::encode_saved_plan(saved, session.schemas());
  if (const state::StateKey* key = session.state_key()) {
    text = state::seal_saved_plan(text, state::plan_hash(plan, session.schemas()), *key);
  }
  return state::write_private_file_atomic(path, text);
}

engine::Result<state::SavedPlan> read_saved_plan_file(const std::string& path,
                                                      const state::Schemas& schemas,
                                                      const state::StateKey* key) {
  auto text = state::read_file(path);
  if (!text) {
    return tl::unexpected(text.error());
  }
  auto plain = state::open_saved_plan(*text, path, key);
  if (!plain) {
    return tl::unexpected(plain.error());
  }
  return state::decode_saved_plan(*plain, path, schemas);
}

engine::Result<state::SavedPlan> read_saved_plan(const Session& session, const std::string& path) {
  return read_saved_plan_file(path, session.schemas(), session.state_key());
}

engine::Result<SavedPlanVerdict> check_saved_plan(Session& session, const state::SavedPlan& saved,
                                                  const std::string& path,
                                                  std::chrono::milliseconds max_age) {
  SavedPlanVerdict verdict;
  verdict.plan_hash = state::plan_hash(saved.plan, session.schemas());
  const state::PlanProgress* progress =
      progress_of(session.state_file(), saved, verdict.plan_hash);
  ROSTERFORM_TRY(check_state(session, saved, path, progress));
  verdict.already_applied.assign(saved.plan.changes.size(), false);
  verdict.resume.assign(saved.plan.changes.size(), engine::ResumePoint{});
  for (std::size_t i = 0; progress != nullptr && i < saved.plan.changes.size(); ++i) {
    verdict.already_applied[i] = progress->is_done(i);
    verdict.already_applied_count += verdict.already_applied[i] ? 1U : 0U;
  }
  if (verdict.nothing_left()) {
    return verdict;  // carried out already: nothing is sent, whatever its age
  }
  ROSTERFORM_TRY(check_age(saved, path, max_age));
  const engine::ValueHasher* hasher = saved.state_present ? &session.hasher() : nullptr;
  for (std::size_t i = 0; i < saved.plan.changes.size(); ++i) {
    const engine::Change& c = saved.plan.changes[i];
    if (verdict.already_applied[i]) {
      continue;
    }
    InFlight flight{progress, i};
    if (const auto* mark = progress != nullptr ? progress->steps_of(i) : nullptr) {
      ROSTERFORM_TRY(check_part_done(session, c, path, *mark, i, verdict));
    } else if (c.action == engine::Action::create) {
      ROSTERFORM_TRY(check_create(session, c, path, flight, verdict));
    } else if (!c.address.user_id.empty()) {
      ROSTERFORM_TRY(check_record(session, c, path, hasher, flight, verdict));
    }
  }
  verdict.roster_changed = saved.roster_digest != session.roster_digest();
  return verdict;
}

}  // namespace rosterform::cli
