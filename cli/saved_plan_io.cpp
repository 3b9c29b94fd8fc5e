#include "cli/saved_plan_io.hpp"

#include <ctime>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "engine/plan/handle.hpp"
#include "engine/plan/prior_state.hpp"
#include "state/private_file.hpp"

namespace rosterform::cli {

namespace {

// The fields that identify a user to Healthie's search: a staff email; a
// client's email, first and last name. From the plan's `before` values,
// which are what Healthie held when the plan was made.
engine::Record identity_of(const engine::Change& c, const engine::ResourceSchema& schema) {
  engine::Record identity;
  for (const engine::FieldChange& f : c.fields) {
    std::string_view name = schema.at(f.field).name;
    bool wanted = name == "email" || (c.address.kind == engine::Kind::client &&
                                      (name == "first_name" || name == "last_name"));
    if (wanted && f.before) {
      identity.set(f.field, *f.before);
    }
  }
  return identity;
}

std::string moved_record(const engine::Change& c) {
  return engine::label(c.address);
}

}  // namespace

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
  return state::write_private_file_atomic(path, state::encode_saved_plan(saved, session.schemas()));
}

engine::Result<state::SavedPlan> read_saved_plan(const Session& session, const std::string& path) {
  auto text = state::read_file(path);
  if (!text) {
    return tl::unexpected(text.error());
  }
  return state::decode_saved_plan(*text, path, session.schemas());
}

engine::Status check_not_stale(Session& session, const state::SavedPlan& saved,
                               const std::string& path, std::chrono::milliseconds max_age) {
  const state::StateFile& now = session.state_file();
  if (saved.state_present && (saved.lineage != now.lineage || saved.serial != now.serial)) {
    return engine::fail(fmt::format(
        "the saved plan {} is stale: the state changed since it was made (lineage {} serial {}, "
        "now lineage {} serial {}); run rosterform plan again",
        path, saved.lineage, saved.serial, now.lineage, now.serial));
  }
  if (!saved.state_present && session.state_present()) {
    return engine::fail(fmt::format(
        "the saved plan {} is stale: it was made before any state existed, and another apply has "
        "run since; run rosterform plan again",
        path));
  }
  auto age = std::chrono::seconds(std::time(nullptr) - saved.created_unix);
  // Whole seconds: at the limit is too old, so -plan-max-age=0s refuses every plan.
  if (age >= max_age) {
    return engine::fail(fmt::format(
        "the saved plan {} is too old: made {} ({} minutes ago), and -plan-max-age is {} minutes; "
        "run rosterform plan again",
        path, saved.created, age.count() / 60,
        std::chrono::duration_cast<std::chrono::minutes>(max_age).count()));
  }
  state::HmacHasher hasher(now.hmac_key);
  for (const engine::Change& c : saved.plan.changes) {
    if (c.action == engine::Action::create || c.address.user_id.empty()) {
      continue;
    }
    const engine::ResourceSchema& schema = session.schemas().of(c.address.kind);
    auto found = session.provider().find_by_identity(c.address.kind, identity_of(c, schema));
    if (!found) {
      return tl::unexpected(found.error());
    }
    bool same = *found && (*found)->user_id == c.address.user_id &&
                (*found)->updated_at == c.fingerprint.updated_at &&
                (c.fingerprint.fields_digest.empty() ||
                 hasher.hex_digest(engine::fingerprint_message((*found)->fields)) ==
                     c.fingerprint.fields_digest);
    if (!same) {
      return engine::fail(fmt::format(
          "the saved plan {} is stale: {} changed in Healthie since the plan was made; run "
          "rosterform plan again",
          path, moved_record(c)));
    }
  }
  return {};
}

}  // namespace rosterform::cli
