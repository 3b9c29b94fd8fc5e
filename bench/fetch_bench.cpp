// fetch_bench: times one complete read of the current state through the
// Healthie provider, for docs/performance.md ("Fetching current state").
// bench/fetch_bench.sh starts the simulator and runs the comparisons.
//
//   HEALTHIE_API_KEY=... fetch_bench --url URL [--api-version V]
//       [--parallelism N] [--sequential] [--rps R]
// --sequential reads one request at a time at the same page size, the way
// the usual scripts page. Prints one JSON line; "ok_per_s" counts the
// requests Healthie served (throttled answers left out), "paced_rate" is the
// rate the provider learned (0 when it was never throttled).

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "providers/healthie/healthie_provider.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;

namespace {

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// The fewest requests a complete read can take at 100 users per request:
// preflight, the staff pages, one count request, and full client pages.
long long minimum_requests(const engine::CurrentState& s, healthie::ApiShape shape) {
  long long active = 0;
  auto active_field = healthie::client_schema().id_of("active");
  for (const auto& c : s.clients)
    active += c.is_active(active_field) ? 1 : 0;
  auto archived = static_cast<long long>(s.clients.size()) - active;
  auto pages = [](long long n) { return (n + 99) / 100; };
  long long staff = shape == healthie::ApiShape::baseline
                        ? 1
                        : std::max(1LL, pages(static_cast<long long>(s.staff.size())));
  if (shape == healthie::ApiShape::connections)
    return 1 + staff + 1 + pages(active + archived);
  return 1 + staff + 1 + pages(active) + pages(archived);
}

}  // namespace

int main(int argc, char** argv) {
  healthie::ProviderConfig config;
  bool sequential = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--url")
      config.endpoint = value();
    else if (arg == "--api-version")
      config.api_version = *healthie::parse_api_version(value());
    else if (arg == "--parallelism")
      config.parallelism = std::stoi(value());
    else if (arg == "--rps")
      config.max_requests_per_second = std::stod(value());
    else if (arg == "--sequential")
      sequential = true;
    else {
      std::cerr << "fetch_bench: unknown argument " << arg << "\n";
      return 2;
    }
  }
  if (sequential)
    config.parallelism = config.initial_window = 1;
  const char* key = std::getenv("HEALTHIE_API_KEY");
  config.api_key = key != nullptr ? key : "";
  config.on_notice = [](std::string_view) {};
  auto provider = healthie::make_healthie_provider(config);
  if (!provider) {
    std::cerr << "fetch_bench: " << provider.error().message << "\n";
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  auto state = (*provider)->read_current_state();
  std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  if (!state) {
    std::cerr << "fetch_bench: " << state.error().message << "\n";
    return 1;
  }
  const auto& stats = (*provider)->stats();
  std::printf(
      "{\"api_version\":\"%s\",\"mode\":\"%s\",\"parallelism\":%d,\"clients\":%zu,\"staff\":%zu,"
      "\"wall_s\":%.3f,\"requests\":%llu,\"minimum_requests\":%lld,\"retries\":%llu,"
      "\"throttled\":%llu,\"failed_calls\":%llu,\"requests_per_s\":%.1f,\"ok_per_s\":%.2f,"
      "\"peak_in_flight\":%d,\"paced_rate\":%.1f,\"pace_cuts\":%d,\"peak_rss_mib\":%.1f}\n",
      config.api_version.header.c_str(), sequential ? "sequential" : "parallel", config.parallelism,
      state->clients.size(), state->staff.size(), wall.count(),
      static_cast<unsigned long long>(stats.requests),
      minimum_requests(*state, config.api_version.shape),
      static_cast<unsigned long long>(stats.retries),
      static_cast<unsigned long long>(stats.throttled),
      static_cast<unsigned long long>(stats.failed_calls),
      static_cast<double>(stats.requests) / wall.count(),
      static_cast<double>(stats.requests - stats.throttled) / wall.count(), stats.peak_in_flight,
      stats.paced_rate, stats.pace_cuts, static_cast<double>(peak_rss_kib()) / 1024.0);
  return 0;
}
