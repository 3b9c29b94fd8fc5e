// `rosterform state migrate [-from PATH]`: moves a local state (its journal
// folded in, and its audit log) into the backend rosterform.yaml configures
// (the PostgreSQL team state, or the same local file under a state key),
// and moves the HMAC key out of the file on the way.
//
// A digest cannot be converted from one HMAC key to another; it is re-made
// from the value it was made of, which only Healthie still holds. So the
// migration reads Healthie, and re-keys each digest whose field still has
// the value last applied; one that drifted is dropped and named (by handle,
// never value): the next plan shows that field as a change to review
// rather than as drift (docs/state-format.md, "Migrating to a state key").
// The old state is left in place, renamed, never deleted.
#include "cli/command_state_migrate.hpp"

#include <ctime>
#include <filesystem>
#include <iostream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/backend_factory.hpp"
#include "cli/exit_codes.hpp"
#include "cli/session.hpp"
#include "cli/workspace_commit.hpp"
#include "state/local_backend.hpp"
#include "state/rekey.hpp"

namespace rosterform::cli {

namespace fs = std::filesystem;

namespace {

int report(const engine::Error& e) {
  std::cerr << fmt::format("rosterform: error: {}\n", e.message);
  return k_exit_error;
}

std::string local_audit_path(const std::string& state_path) {
  return (fs::path(state_path).parent_path() / "audit.jsonl").string();
}

// The old state, read with the key when it already keeps it outside.
engine::Result<state::StateFile> load_source(const std::string& path,
                                             const state::StateKey& key) {
  state::LocalBackend plain(path, local_audit_path(path));
  auto loaded = plain.load();
  if (loaded) {
    return loaded;
  }
  state::LocalBackend keyed(path, local_audit_path(path), key);
  return keyed.load();
}

struct Moved {
  state::StateFile state;
  state::RekeyReport rekey;
  bool rekeyed = false;
};

engine::Result<Moved> rekeyed(Session& session, state::StateFile old, const state::StateKey& key) {
  Moved out;
  if (old.external_key()) {
    if (old.key_fingerprint != state::key_fingerprint(key)) {
      return engine::fail(fmt::format(
          "the local state was written with another state key (fingerprint {}); set {} to that "
          "key to migrate it",
          old.key_fingerprint, key.env));
    }
    out.state = std::move(old);
    return out;
  }
  ROSTERFORM_TRY(session.refresh());  // the values digests are re-made from
  state::RekeyInput input;
  input.current = state::current_field_values(old, session.current(), session.schemas());
  for (const engine::DesiredUser& u : session.desired().clients) {
    input.roster_client_keys.push_back(u.key);
  }
  out.state = state::rekey_state(old, key, input, out.rekey);
  out.rekeyed = true;
  return out;
}

std::string stamp_now() {
  return fmt::format("{:%Y%m%dT%H%M%SZ}", fmt::gmtime(std::time(nullptr)));
}

void print_summary(const Moved& moved, std::uint64_t old_serial, const std::string& where,
                   const state::StateKey& key, const std::string& aside) {
  std::cout << fmt::format(
      "Moved the state (lineage {}, serial {} -> {}, {} managed users) into {}, under the key in "
      "{} (fingerprint {}).\n",
      moved.state.lineage, old_serial, moved.state.serial, moved.state.resources.size(), where,
      key.env, moved.state.key_fingerprint);
  if (moved.rekeyed) {
    std::cout << fmt::format("Re-keyed {} digests and {} hidden addresses.\n",
                             moved.rekey.rekeyed, moved.rekey.hidden_rekeyed);
    if (!moved.rekey.dropped.empty()) {
      std::cout << fmt::format(
          "{} digests were dropped: those fields changed in Healthie since they were applied, "
          "and the next plan shows them as changes to review ({}).\n",
          moved.rekey.dropped.size(), fmt::join(moved.rekey.dropped, ", "));
    }
  }
  std::cout << fmt::format(
      "The old state was left in place as {}. Delete it once you have checked the new state: it "
      "keeps the old key beside its hashes.\n",
      aside);
}

}  // namespace

int run_state_migrate(const StateOptions& options, const std::string& from) {
  engine::StateSettings settings = workspace_state_settings(options.dir);
  auto key = resolve_state_key(options);
  if (!key) {
    return report(key.error());
  }
  if (!*key) {
    return report(engine::Error(fmt::format(
        "state migrate moves the state under a state key, and none is set: make one with "
        "`rosterform state keygen`, keep it as a secret, and set {} to it",
        settings.key_env.empty() ? std::string(state::k_default_state_key_env) : settings.key_env)));
  }
  const std::string source_path = from.empty() ? state_path_in(options.dir, settings.path) : from;
  state::LocalBackend source(source_path, local_audit_path(source_path));
  auto exists = source.state_exists();
  if (!exists || !*exists) {
    return report(engine::Error(fmt::format("there is no local state at {} to migrate",
                                            source_path)));
  }
  if (auto holder = source.lock_holder(); !holder || *holder) {
    return report(engine::Error(fmt::format(
        "the local state {} is locked by a run; wait for it to finish (or release a stale lock "
        "with `rosterform force-unlock`) before migrating",
        source_path)));
  }
  const bool same_place = settings.backend == "local" && options.state_path.empty() &&
                          fs::weakly_canonical(state_path_in(options.dir, settings.path)) ==
                              fs::weakly_canonical(source_path);
  if (!same_place) {
    auto dest = open_backend(settings, options, **key);
    if (!dest) {
      return report(dest.error());
    }
    auto taken = (*dest)->state_exists();
    if (!taken || *taken) {
      return report(taken ? engine::Error(fmt::format(
                                "{} already holds a state; state migrate only moves a state into "
                                "an empty one",
                                (*dest)->location()))
                          : taken.error());
    }
  }
  auto old = load_source(source_path, **key);
  if (!old) {
    return report(old.error());
  }
  auto audit = source.export_audit();
  if (!audit) {
    return report(audit.error());
  }
  const std::string stamp = stamp_now();
  std::string aside;
  if (same_place) {  // the new state takes the old one's place
    auto moved_aside = source.set_aside_migrated(stamp);
    if (!moved_aside) {
      return report(moved_aside.error());
    }
    aside = *moved_aside;
  }
  SessionOptions so;
  so.state = options;
  so.lock_operation = "state migrate";
  auto session = Session::open(so);
  if (!session) {
    return report(session.error());
  }
  auto moved = rekeyed(**session, *old, **key);
  if (!moved) {
    return report(moved.error());
  }
  moved->state.serial = old->serial + 1;
  state::Backend& dest = (*session)->backend();
  if (auto saved = dest.save(moved->state); !saved) {
    return report(saved.error());
  }
  if (auto imported = dest.import_audit(*audit); !imported) {
    return report(imported.error());
  }
  state::AuditEntry entry;
  entry.operation = "state migrate";
  entry.commit = workspace_commit(options.dir);
  entry.result = "succeeded";
  if (auto logged = dest.append_audit(entry); !logged) {
    return report(logged.error());
  }
  if (!same_place) {
    auto moved_aside = source.set_aside_migrated(stamp);
    if (!moved_aside) {
      return report(moved_aside.error());
    }
    aside = *moved_aside;
  }
  print_summary(*moved, old->serial, dest.name(), **key, aside);
  return k_exit_ok;
}

}  // namespace rosterform::cli
