#include "engine/roster/workspace_settings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/duration.hpp"
#include "engine/roster/setting_values.hpp"

namespace rosterform::engine::roster {

namespace {

constexpr std::array<std::string_view, 5> k_sections = {"version", "healthie", "state", "policy",
                                                        "include"};

using Setter = std::function<void(const NodeArena&, NodeIndex, std::string_view)>;
struct Setting {
  std::string_view name;
  Setter set;
};

// Reads a mapping whose keys are the `settings`; anything else is unknown.
void read_settings(LoadContext& ctx, std::string_view section, const NodeArena& arena,
                   NodeIndex value, std::span<const Setting> settings) {
  const Node& node = arena.at(value);
  if (node.kind != NodeKind::map) {
    ctx.sink().error(node, fmt::format("'{}' must be a mapping of settings, not {}", section,
                                       describe_kind(node.kind)));
    return;
  }
  std::vector<std::string_view> names;
  for (const Setting& s : settings) {
    names.push_back(s.name);
  }
  std::vector<MapPair> pairs;
  map_pairs(arena, value, ctx.sink(), section, pairs);
  for (const MapPair& p : pairs) {
    const std::string_view name = arena.text(p.key);
    auto it = std::find_if(settings.begin(), settings.end(),
                           [&](const Setting& s) { return s.name == name; });
    if (it != settings.end()) {
      it->set(arena, p.value, fmt::format("'{}' in {}", name, section));
    } else if (section == "healthie" && (name == "api_key" || name == "token" || name == "key")) {
      ctx.sink().error(arena.at(p.key),
                       "the API key must never be written in a file: put it in an environment "
                       "variable and name that variable with 'api_key_env'");
    } else {
      unknown_key(arena, p.key, ctx.sink(), section, names);
    }
  }
}

// A value checked as one of the FieldTypes, e.g. a boolean setting.
std::optional<std::string> typed(LoadContext& ctx, const NodeArena& arena, NodeIndex value,
                                 std::string_view subject, FieldSpec spec) {
  auto text = expect_scalar(arena, value, ctx.sink(), subject);
  if (!text) {
    return std::nullopt;
  }
  std::string out;
  if (auto problem = check_field(spec, *text, arena.at(value).quoted, ctx.check, out)) {
    ctx.sink().error(arena.at(value),
                     fmt::format("{} {} (got '{}')", subject, problem->phrase, trim(*text)));
    return std::nullopt;
  }
  return out;
}

Setter text_setter(LoadContext& ctx, std::string& target,
                   std::function<bool(std::string_view)> valid, std::string_view requirement) {
  return [&ctx, &target, valid = std::move(valid), requirement](
             const NodeArena& arena, NodeIndex value, std::string_view subject) {
    auto text = typed(ctx, arena, value, subject, FieldSpec{});
    if (!text) {
      return;
    }
    if (valid && !valid(*text)) {
      ctx.sink().error(arena.at(value),
                       fmt::format("{} {} (got '{}')", subject, requirement, *text));
      return;
    }
    target = *text;
  };
}

std::string unsupported_version(std::string_view subject, std::string_view got,
                                std::span<const std::string_view> known) {
  if (known.empty()) {
    return fmt::format("{} must be a Healthie API version, a date like \"2026-07-01\" (got '{}')",
                       subject, got);
  }
  return fmt::format(
      "{} is '{}', which rosterform does not support: use one of {} (the versions whose "
      "documents are verified against Healthie's schema), or remove the line to use rosterform's "
      "default",
      subject, got, fmt::join(known, ", "));
}

Setter bool_setter(LoadContext& ctx, bool& target) {
  return [&ctx, &target](const NodeArena& arena, NodeIndex value, std::string_view subject) {
    FieldSpec spec;
    spec.type = FieldType::boolean;
    if (auto v = typed(ctx, arena, value, subject, spec)) {
      target = *v == "true";
    }
  };
}

// `api_key_env`, `key_env` and `conn_str_env` name the variable that holds a
// secret. Its value is never repeated in a message: when it is wrong, it may
// be the secret itself. `example` is a good name for the variable.
struct SecretKind {
  std::string_view noun;     // "an API key"
  std::string_view example;  // "HEALTHIE_API_KEY"
  std::string_view revoke;   // "revoke it in Healthie"
};
constexpr SecretKind k_api_key{"an API key", "HEALTHIE_API_KEY", "revoke it in Healthie"};
constexpr SecretKind k_state_key{"a state key", "ROSTERFORM_STATE_KEY",
                                 "make a new one with `rosterform state keygen`"};
constexpr SecretKind k_conn_str{"a connection string", "ROSTERFORM_PG_URL",
                                "change the database password"};

Setter env_name_setter(LoadContext& ctx, std::string& target, SecretKind secret) {
  return [&ctx, &target, secret](const NodeArena& arena, NodeIndex value,
                                 std::string_view subject) {
    auto text = expect_scalar(arena, value, ctx.sink(), subject);
    if (!text) {
      return;
    }
    const std::string_view name = trim(*text);
    if (looks_like_key(name)) {
      ctx.sink().error(arena.at(value),
                       fmt::format("{} looks like {}, not the name of an environment "
                                   "variable (the value is not shown): put it in a variable "
                                   "and write its name here, such as {}; if a real one was "
                                   "committed, {}",
                                   subject, secret.noun, secret.example, secret.revoke));
    } else if (!is_env_name(name)) {
      ctx.sink().error(arena.at(value),
                       fmt::format("{} must be the name of an environment variable: letters, "
                                   "digits and '_', not starting with a digit, such as "
                                   "{} (the value is not shown: it may be a secret)",
                                   subject, secret.example));
    } else {
      target = std::string(name);
    }
  };
}

// A date, and one of the versions the provider supports when it said which.
Setter version_setter(LoadContext& ctx, std::string& target) {
  return [&ctx, &target](const NodeArena& arena, NodeIndex value, std::string_view subject) {
    auto text = typed(ctx, arena, value, subject, FieldSpec{});
    if (!text) {
      return;
    }
    const auto& known = ctx.api_versions;
    if (!is_version_date(*text)) {
      ctx.sink().error(arena.at(value), unsupported_version(subject, *text, {}));
      return;
    }
    if (!known.empty() && std::find(known.begin(), known.end(), *text) == known.end()) {
      ctx.sink().error(arena.at(value), unsupported_version(subject, *text, known));
      return;
    }
    target = *text;
  };
}

void read_healthie(LoadContext& ctx, const NodeArena& arena, NodeIndex value) {
  HealthieSettings& h = ctx.state.healthie;
  const std::array<Setting, 6> settings = {{
      {"endpoint", text_setter(ctx, h.endpoint, is_url, "must be an http:// or https:// URL")},
      {"api_version", version_setter(ctx, h.api_version)},
      {"api_key_env", env_name_setter(ctx, h.api_key_env, k_api_key)},
      {"authorization_shard", text_setter(ctx, h.authorization_shard, nullptr, "")},
      {"max_requests_per_second",
       [&ctx, &h](const NodeArena& a, NodeIndex v, std::string_view subject) {
         auto text = typed(ctx, a, v, subject, FieldSpec{});
         auto n = text ? parse_decimal(*text) : std::nullopt;
         if (text && (!n || *n < k_min_rate || *n > k_max_rate)) {
           ctx.sink().error(a.at(v), fmt::format("{} must be a number from {} to {}, such as 5 "
                                                 "(got '{}')",
                                                 subject, k_min_rate, k_max_rate, *text));
         } else if (n) {
           h.max_requests_per_second = *n;
         }
       }},
      {"read_timeout",
       [&ctx, &h](const NodeArena& a, NodeIndex v, std::string_view subject) {
         auto text = typed(ctx, a, v, subject, FieldSpec{});
         auto d = text ? parse_duration(*text) : std::nullopt;
         if (text && (!d || d->count() == 0)) {
           ctx.sink().error(a.at(v), fmt::format("{} must be a duration above 0: {} (got '{}')",
                                                 subject, k_duration_hint, *text));
         } else if (d) {
           h.read_timeout = *d;
         }
       }},
  }};
  read_settings(ctx, "healthie", arena, value, settings);
}

// A workspace or schema name: it becomes part of a key and of messages, so
// it is kept to a plain, portable alphabet.
bool is_plain_name(std::string_view v) {
  if (v.empty() || v.size() > 63 || !(std::islower(static_cast<unsigned char>(v[0])) ||
                                      std::isdigit(static_cast<unsigned char>(v[0])))) {
    return false;
  }
  return std::all_of(v.begin(), v.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

bool is_schema_name(std::string_view v) {
  return is_plain_name(v) && !std::isdigit(static_cast<unsigned char>(v[0])) &&
         v.find_first_of("-.") == std::string_view::npos;
}

void read_state(LoadContext& ctx, const NodeArena& arena, NodeIndex value) {
  StateSettings& s = ctx.state.state;
  const std::array<Setting, 6> settings = {{
      {"backend", text_setter(
                      ctx, s.backend,
                      [](std::string_view v) { return v == "local" || v == "postgres"; },
                      "must be local (a file in the workspace) or postgres (team state, "
                      "docs/state-format.md)")},
      {"path",
       [&ctx, &s](const NodeArena& a, NodeIndex v, std::string_view subject) {
         auto text = typed(ctx, a, v, subject, FieldSpec{});
         if (!text) {
           return;
         }
         if (auto problem = state_path_problem(ctx.state.root, *text)) {
           ctx.sink().error(a.at(v), fmt::format("{} {} (got '{}'); to keep the state elsewhere, "
                                                 "pass --state PATH on the command line",
                                                 subject, *problem, *text));
           return;
         }
         s.path = *text;
         ctx.state_path_checked = true;
       }},
      {"workspace", text_setter(ctx, s.workspace, is_plain_name,
                                "must be 1 to 63 lower-case letters, digits, '_', '-' or '.', "
                                "starting with a letter or digit, such as clinic-prod")},
      {"key_env", env_name_setter(ctx, s.key_env, k_state_key)},
      {"conn_str_env", env_name_setter(ctx, s.conn_str_env, k_conn_str)},
      {"schema", text_setter(ctx, s.schema, is_schema_name,
                             "must be a PostgreSQL schema name: 1 to 63 lower-case letters, "
                             "digits and '_', starting with a letter, such as rosterform")},
  }};
  read_settings(ctx, "state", arena, value, settings);
}

// policy.max_deactivations, max_updates, max_reassignments: "25%" or "10".
void read_limit(LoadContext& ctx, const NodeArena& arena, NodeIndex value,
                std::string_view subject, ChangeLimit& out) {
  auto text = typed(ctx, arena, value, subject, FieldSpec{});
  if (!text) {
    return;
  }
  ChangeLimit limit;
  const bool percent = text->ends_with('%');
  const std::string_view written(*text);
  const std::string_view number = percent ? written.substr(0, written.size() - 1) : written;
  auto n = parse_decimal(number);
  const bool whole = number.find('.') == std::string_view::npos;
  if (!n || (percent && *n > 100) || (!percent && (!whole || *n > k_max_deactivation_count))) {
    ctx.sink().error(arena.at(value),
                     fmt::format("{} must be a percentage such as 25% or a whole number of "
                                 "users such as 10 (got '{}')",
                                 subject, *text));
    return;
  }
  limit.unit = percent ? ChangeLimit::Unit::percent : ChangeLimit::Unit::count;
  limit.value = *n;
  out = limit;
}

Setter limit_setter(LoadContext& ctx, ChangeLimit& out) {
  return [&ctx, &out](const NodeArena& a, NodeIndex v, std::string_view subject) {
    read_limit(ctx, a, v, subject, out);
  };
}

void read_protected(LoadContext& ctx, const NodeArena& arena, NodeIndex value,
                    std::string_view subject) {
  if (arena.at(value).kind != NodeKind::seq) {
    ctx.sink().error(arena.at(value), fmt::format("{} must be a list of staff emails, not {}",
                                                  subject, describe_kind(arena.at(value).kind)));
    return;
  }
  FieldSpec spec;
  spec.type = FieldType::reference;
  for (NodeIndex item : arena.children(value)) {
    if (auto email = typed(ctx, arena, item, "an entry of 'protected' in policy", spec)) {
      ctx.state.policy.protected_emails.push_back(*email);
    }
  }
}

void read_policy(LoadContext& ctx, const NodeArena& arena, NodeIndex value) {
  Policy& p = ctx.state.policy;
  static constexpr std::array<std::string_view, 2> k_on_removal = {"deactivate", "ignore"};
  const std::array<Setting, 9> settings = {{
      {"on_removal",
       [&ctx, &p](const NodeArena& a, NodeIndex v, std::string_view subject) {
         FieldSpec spec;
         spec.type = FieldType::enumeration;
         spec.allowed = k_on_removal;
         if (auto text = typed(ctx, a, v, subject, spec)) {
           p.on_removal = *text == "ignore" ? OnRemoval::ignore : OnRemoval::deactivate;
         }
       }},
      {"authoritative", bool_setter(ctx, p.authoritative)},
      {"max_deactivations", limit_setter(ctx, p.max_deactivations)},
      {"max_updates", limit_setter(ctx, p.max_updates)},
      {"max_reassignments", limit_setter(ctx, p.max_reassignments)},
      {"protected", [&ctx](const NodeArena& a, NodeIndex v,
                           std::string_view subject) { read_protected(ctx, a, v, subject); }},
      {"require_provider_for_clients", bool_setter(ctx, p.require_provider_for_clients)},
      {"send_welcome_email", bool_setter(ctx, p.send_welcome_email)},
      {"send_invite_email", bool_setter(ctx, p.send_invite_email)},
  }};
  read_settings(ctx, "policy", arena, value, settings);
}

void read_include(LoadContext& ctx, const NodeArena& arena, NodeIndex value) {
  std::vector<NodeIndex> items;
  if (arena.at(value).kind == NodeKind::seq) {
    items = arena.children(value);
  } else {
    items.push_back(value);
  }
  for (NodeIndex item : items) {
    if (auto text = expect_scalar(arena, item, ctx.sink(), "an entry of 'include'")) {
      ctx.includes.push_back({std::string(trim(*text)), ctx.at(arena.at(item))});
    }
  }
}

void read_version(LoadContext& ctx, const NodeArena& arena, NodeIndex value) {
  ctx.version_seen = true;
  auto text = expect_scalar(arena, value, ctx.sink(), "'version'");
  if (text && trim(*text) != "1") {
    ctx.sink().error(arena.at(value),
                     fmt::format("unsupported roster version '{}': this rosterform reads "
                                 "version 1",
                                 trim(*text)));
  }
}

}  // namespace

void check_default_state_path(LoadContext& ctx) {
  if (ctx.state_path_checked) {
    return;
  }
  if (auto problem = state_path_problem(ctx.state.root, ctx.state.state.path)) {
    ctx.diags.error({ctx.files.front(), 0, 0},
                    fmt::format("the default state path '{}' {}: remove the symlink, or pass "
                                "--state PATH on the command line",
                                ctx.state.state.path, *problem));
  }
}

std::span<const std::string_view> workspace_sections() {
  return k_sections;
}

bool read_workspace_section(LoadContext& ctx, std::string_view name, const NodeArena& arena,
                            NodeIndex value) {
  if (name == "version") {
    read_version(ctx, arena, value);
  } else if (name == "healthie") {
    read_healthie(ctx, arena, value);
  } else if (name == "state") {
    read_state(ctx, arena, value);
  } else if (name == "policy") {
    read_policy(ctx, arena, value);
  } else if (name == "include") {
    read_include(ctx, arena, value);
  } else {
    return false;
  }
  return true;
}

}  // namespace rosterform::engine::roster
