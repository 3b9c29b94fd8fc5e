#pragma once
// The Healthie provider fuzz_response_decoder drives, and make_seeds records
// its seeds with: one configuration, so a recorded read replays request for
// request. Retries and back-off are short and immediate so that an input
// costs milliseconds; notices are swallowed.

#include <chrono>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "providers/healthie/provider_config.hpp"
#include "tests/unit/support/fake_transport.hpp"

namespace rosterform::fuzz {

inline healthie::ProviderConfig scripted_config(healthie::ApiShape shape) {
  healthie::ProviderConfig c;
  c.endpoint = "http://127.0.0.1:9/graphql";
  c.api_key = "gh_sbox_fuzz_key";
  c.api_version = *healthie::parse_api_version(
      shape == healthie::ApiShape::baseline ? "2024-06-01" : "2026-01-01");
  c.parallelism = 4;
  c.max_attempts = 2;
  c.max_throttled_attempts = 1;
  c.backoff_base = c.backoff_cap = std::chrono::milliseconds(0);
  c.jitter_seed = 1;
  c.on_notice = [](std::string_view) {};
  return c;
}

// Answers each request with the next part, in the order they are sent; a
// part may start with "HTTP nnn\n" to set its status. Once the parts run out
// every answer is HTTP 400, which no read retries, so a run ends after at
// most one request per part.
inline testing::FakeTransport::Handler scripted_answers(std::vector<std::string_view> parts) {
  return [queue = std::deque<std::string_view>(parts.begin(), parts.end())](
             const http::Request&) mutable {
    if (queue.empty())
      return testing::json_response("", 400);
    std::string_view part = queue.front();
    queue.pop_front();
    long status = 200;
    if (part.starts_with("HTTP ") && part.size() >= 9 && part[8] == '\n') {
      status = std::strtol(std::string(part.substr(5, 3)).c_str(), nullptr, 10);
      part.remove_prefix(9);
    }
    return testing::json_response(std::string(part), status);
  };
}

}  // namespace rosterform::fuzz
