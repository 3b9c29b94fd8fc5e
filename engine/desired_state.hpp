#pragma once
// The roster as the user wrote it, after loading and validation: what
// Healthie should look like. Produced by engine/roster (the YAML loader),
// consumed by the diff.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/diagnostics.hpp"
#include "engine/record.hpp"

namespace rosterform::engine {

struct DesiredUser {
  Kind kind = Kind::client;
  // The record's stable address within its kind. Staff: the lower-cased
  // email. Clients: `key` if given, else "rid:<record_identifier>", else
  // "email:<email>/<first>/<last>" (docs/roster-format.md, identity rules).
  std::string key;
  bool explicit_key = false;          // the user wrote `key:`
  // Earlier keys of this record (renames), in the same form as `key`: staff
  // a lower-cased email; clients a former `key`, or "email:..." built from a
  // former email and the current names (see docs/roster-format.md).
  std::vector<std::string> previously;
  // In the provider's ResourceSchema for `kind`, defaults merged. Values are
  // normalised: trimmed, booleans "true"/"false", dates YYYY-MM-DD, the
  // `provider` reference lower-cased; emails as written.
  Record fields;
  SourceLocation location;  // where the entry starts (the first field's place)
  // Staff only: the email (lower-cased) of the provider to receive this
  // provider's clients when this member is deactivated; empty if not given.
  std::string reassign_clients_to;
};

// How much a mass-change guard (max_deactivations, max_updates,
// max_reassignments) allows: a share of the managed population (applies once
// there are 10 or more) or an absolute count.
struct ChangeLimit {
  enum class Unit : std::uint8_t { percent, count } unit = Unit::percent;
  double value = 25.0;
};
using DeactivationLimit = ChangeLimit;

enum class OnRemoval : std::uint8_t { deactivate, ignore };

struct Policy {
  OnRemoval on_removal = OnRemoval::deactivate;
  bool authoritative = false;
  ChangeLimit max_deactivations;
  ChangeLimit max_updates{ChangeLimit::Unit::percent, 50.0};
  ChangeLimit max_reassignments{ChangeLimit::Unit::percent, 25.0};  // clients' provider
  std::vector<std::string> protected_emails;  // lower-cased
  bool require_provider_for_clients = true;
  bool send_welcome_email = false;
  bool send_invite_email = true;
};

struct HealthieSettings {
  std::string endpoint = "https://staging-api.gethealthie.com/graphql";
  std::string api_version;  // empty: the provider's default version
  std::string api_key_env = "HEALTHIE_API_KEY";
  std::string authorization_shard;  // empty: not sharded
  std::optional<double> max_requests_per_second;
  // The longest a complete read of Healthie may take (`read_timeout: 10m`);
  // nullopt: the provider's default.
  std::optional<std::chrono::milliseconds> read_timeout;
};

// `state:` in rosterform.yaml (docs/state-format.md). No credential is ever
// kept here: the PostgreSQL connection comes from libpq's own environment
// (PGHOST, PGSERVICE, ...) or from the variable `conn_str_env` names, and the
// state key from the variable `key_env` names.
struct StateSettings {
  std::string backend = "local";               // local | postgres
  std::string path = ".rosterform/state.json";  // local only
  std::string workspace = "default";           // one state per workspace name
  std::string key_env;                         // empty: ROSTERFORM_STATE_KEY if set
  std::string conn_str_env;                    // postgres only; empty: libpq's PG* variables
  std::string schema = "rosterform";           // postgres only: the PostgreSQL schema
};

struct DesiredState {
  std::string root;  // the workspace folder
  HealthieSettings healthie;
  StateSettings state;
  Policy policy;
  // A missing `staff:`/`clients:` section means "not managed here"; an
  // explicit empty list means "manage, and there are none". The two never
  // look alike to the diff (docs/roster-format.md).
  bool staff_declared = false;
  bool clients_declared = false;
  std::vector<DesiredUser> staff;
  std::vector<DesiredUser> clients;
  // Staff emails that clients name as `provider:` (or staff name as
  // `reassign_clients_to:`) but that no staff entry of the roster has:
  // lower-cased, sorted, unique. Not an error when loading: the plan must
  // find each among Healthie's active staff, and fail there if it cannot.
  std::vector<std::string> external_staff_emails;
};

}  // namespace rosterform::engine
