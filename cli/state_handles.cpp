#include "cli/state_handles.hpp"

#include <vector>

#include <fmt/format.h>

#include "engine/plan/handle.hpp"
#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "state/hmac_hasher.hpp"
#include "state/prior_state_view.hpp"

namespace rosterform::cli {

namespace {

using engine::Handle;

std::string key_of(const std::string& address) {
  std::size_t dot = address.find('.');
  return dot == std::string::npos ? address : address.substr(dot + 1);
}

// What the user typed, quoted; a key derived from PHI is not repeated.
std::string echo(const std::string& wanted) {
  return fmt::format("'{}' ", engine::echo_handle(wanted));
}

engine::Result<std::string> one_of(const std::vector<std::string>& hits, const std::string& wanted,
                                   const state::StateFile& s) {
  if (hits.size() == 1) {
    return hits.front();
  }
  if (hits.size() > 1) {
    return engine::fail(fmt::format("{}is ambiguous: write {} or {}", echo(wanted),
                                    state_handle(hits[0], s.resources.at(hits[0])),
                                    state_handle(hits[1], s.resources.at(hits[1]))));
  }
  return engine::fail(fmt::format(
      "no user {}in the state; handles look like {}; run 'rosterform state list' to see them",
      echo(wanted), engine::k_handle_grammar));
}

// A key as typed; a derived client key ("client.rid:…") is found under the
// hidden form the state stores it in.
std::vector<std::string> by_key(const state::StateFile& s, const Handle& h) {
  std::vector<std::string> hits;
  state::HmacHasher hasher(s.hmac_key);
  for (engine::Kind kind : {engine::Kind::staff, engine::Kind::client}) {
    if (h.kind && *h.kind != kind) {
      continue;
    }
    engine::Address a{kind, h.value, false, {}, {}};
    std::string address = state::address_of(kind, state::stored_key(a, hasher));
    if (s.resources.count(address) != 0) {
      hits.push_back(address);
    }
  }
  return hits;
}

std::vector<std::string> by_user_id(const state::StateFile& s, const Handle& h) {
  std::vector<std::string> hits;
  for (const auto& [address, r] : s.resources) {
    if (r.user_id == h.value && (!h.kind || *h.kind == r.kind)) {
      hits.push_back(address);
    }
  }
  return hits;
}

engine::Result<std::string> by_location(const state::StateFile& s, const Handle& h,
                                        const std::string& wanted, const std::string& dir) {
  auto roster = engine::roster::load_workspace(dir, healthie::staff_schema(),
                                               healthie::client_schema());
  for (const auto& users : {&roster.state.staff, &roster.state.clients}) {
    for (const engine::DesiredUser& d : *users) {
      if (d.location.file != h.value || d.location.line != h.line) {
        continue;
      }
      std::vector<std::string> hits = by_key(s, Handle{Handle::Form::key, d.kind, d.key, 0});
      if (hits.empty()) {
        return engine::fail(fmt::format("the roster entry at {} is not in the state yet; it "
                                        "becomes managed when an apply creates or adopts it",
                                        wanted));
      }
      return hits.front();
    }
  }
  return engine::fail(fmt::format("no roster entry starts at {}; write the file and the line "
                                  "of the entry's first field, as the plan shows it",
                                  wanted));
}

}  // namespace

engine::Result<std::string> find_state_address(const state::StateFile& s,
                                               const std::string& wanted,
                                               const std::string& workspace_dir) {
  Handle h = engine::parse_handle(wanted);
  switch (h.form) {
    case Handle::Form::key:
      return one_of(by_key(s, h), wanted, s);
    case Handle::Form::user_id:
      return one_of(by_user_id(s, h), wanted, s);
    case Handle::Form::location:
      return by_location(s, h, wanted, workspace_dir);
  }
  return one_of({}, wanted, s);
}

std::string state_handle(const std::string& address, const state::ResourceState& r) {
  return engine::state_entry_handle(r.kind, key_of(address), r.user_id);
}

}  // namespace rosterform::cli
