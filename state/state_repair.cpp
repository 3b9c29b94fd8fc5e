#include "state/state_repair.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rosterform::state {

namespace {

std::string key_of(const std::string& address) {
  std::size_t dot = address.find('.');
  return dot == std::string::npos ? address : address.substr(dot + 1);
}

// Which of a user's addresses to keep: one that no other was hashed into.
std::string keeper(const std::vector<std::string>& addresses, const engine::ValueHasher& hasher) {
  for (const std::string& candidate : addresses) {
    bool ghost = false;
    for (const std::string& other : addresses) {
      ghost = ghost || (other != candidate && hasher.hidden_key(key_of(other)) == key_of(candidate));
    }
    if (!ghost) {
      return candidate;
    }
  }
  return addresses.front();
}

}  // namespace

std::size_t merge_duplicate_users(StateFile& state, const engine::ValueHasher& hasher) {
  std::map<std::pair<engine::Kind, std::string>, std::vector<std::string>> by_user;
  for (const auto& [address, resource] : state.resources) {
    if (!resource.user_id.empty()) {
      by_user[{resource.kind, resource.user_id}].push_back(address);
    }
  }
  std::size_t dropped = 0;
  for (const auto& [user, addresses] : by_user) {
    if (addresses.size() < 2) {
      continue;
    }
    std::string keep = keeper(addresses, hasher);
    for (const std::string& address : addresses) {
      if (address != keep) {
        state.resources.erase(address);
        ++dropped;
      }
    }
  }
  return dropped;
}

}  // namespace rosterform::state
