#pragma once
// Everything the Healthie provider needs to know, decided by the CLI from
// flags, environment and the roster's provider block.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "providers/healthie/api_version.hpp"
#include "providers/http/curl_transport.hpp"

namespace rosterform::healthie {

inline constexpr std::string_view k_production_endpoint = "https://api.gethealthie.com/graphql";
inline constexpr std::string_view k_sandbox_endpoint =
    "https://staging-api.gethealthie.com/graphql";

struct ProviderConfig {
  std::string endpoint{k_production_endpoint};
  std::string api_key;  // sent as `Authorization: Basic <key>`; never printed
  ApiVersion api_version{std::string(k_default_api_version), ApiShape::connections};
  // "Today" for the days left before a deprecated version's sunset;
  // nullopt: the UTC date from the system clock (tests pin it).
  std::optional<std::chrono::sys_days> today;
  std::string shard;  // AuthorizationShard, only when set

  int parallelism = 16;                // -parallelism: most requests in flight
  int initial_window = 4;              // AIMD start; grows by one per success
  double max_requests_per_second = 0;  // 0 = no budget of our own
  int max_attempts = 6;                // per request, for failures other than throttling
  int max_throttled_attempts = 40;     // per request, for TOO_MANY_REQUESTS / 429
  std::chrono::milliseconds backoff_base{200};
  std::chrono::milliseconds backoff_cap{20'000};
  std::uint64_t jitter_seed = 0;  // 0: seeded from the clock
  http::TransportOptions transport;

  // A mutation whose outcome is unknown (timeout, reset, lost answer) is
  // settled by looking the record up, never by sending it again. The look-up
  // waits `settle_delay` first, so that a create Healthie is still committing
  // is seen; when it does not show the change, one more look follows after
  // `settle_recheck_delay` (docs/provider.md, "Unknown outcomes").
  std::chrono::milliseconds settle_delay{1500};
  std::chrono::milliseconds settle_recheck_delay{5000};
  // The clock and the wait behind those delays. Empty: steady_clock and
  // this_thread::sleep_for; tests pass a fake clock so nothing really waits.
  std::function<std::chrono::steady_clock::time_point()> settle_now;
  std::function<void(std::chrono::milliseconds)> settle_sleep;

  // Where notices go (API deprecation warnings, shown once per run). Default:
  // standard error, prefixed "warning: ".
  std::function<void(std::string_view)> on_notice;
  // Where progress goes while calls wait for retries ("throttled by
  // Healthie; retrying, 43 s so far"), at least every `progress_interval`.
  // Default: standard error.
  std::function<void(std::string_view)> on_progress;
  std::chrono::milliseconds progress_interval{10'000};
  // Told after each page of a complete read: the phase ("staff members",
  // "clients"), how many users of it have been read so far, and how many it
  // holds in all as the server's counts say (0 until known). Fixed words
  // and counts only, never a record. Default: nothing.
  std::function<void(std::string_view phase, std::uint64_t read, std::uint64_t total)>
      on_read_progress;

  // The longest one complete read (staff and clients) may take; past it the
  // read fails with what it saw (healthie.read_timeout in rosterform.yaml).
  std::chrono::milliseconds read_timeout{10 * 60'000};
};

}  // namespace rosterform::healthie
