// State backend benchmark (issue 13): load and save of a state of N managed
// users (default 100,000) on the local file backend and on the PostgreSQL
// backend, on the same machine in one run, plus the time one journal
// append adds per mutation.
//
//   tests/pg/with_cluster.sh build/release/bench/state_backend_bench [N] [APPENDS]
//
// with PG_CLUSTER_FSYNC=on (scripts/bench sets it), so both backends pay for
// durable writes. Without PGHOST only the local backend is measured.
// Each figure is the median of 5 rounds; appends the median of APPENDS
// (default 1000) single-row commits.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "state/crypto.hpp"
#include "state/local_backend.hpp"
#include "state/postgres/postgres_backend.hpp"
#include "state/state_key.hpp"

using namespace rosterform;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int k_rounds = 5;

// N clients with the fields a real state records for each (an HMAC per
// managed field, as the recorder writes them).
state::StateFile make_state(std::size_t n, const state::StateKey& key) {
  state::StateFile s = state::new_state(&key);
  s.serial = 1;
  const char* fields[] = {"email", "first_name", "last_name", "dob", "phone_number",
                          "timezone", "provider", "active"};
  for (std::size_t i = 0; i < n; ++i) {
    state::ResourceState r;
    r.kind = engine::Kind::client;
    r.user_id = std::to_string(100000 + i);
    for (const char* f : fields) {
      r.applied[f] = state::sha256_hex(fmt::format("{}:{}", f, i));
    }
    s.resources[fmt::format("client.mrn-{:07}", i)] = std::move(r);
  }
  return s;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Figures {
  double save_ms = 0;
  double load_ms = 0;
};

// Saves serial 2, 3, ... and loads each back; every round is a real save.
Figures measure(state::Backend& b, state::StateFile s) {
  std::vector<double> saves;
  std::vector<double> loads;
  (void)b.load();
  for (int i = 0; i < k_rounds; ++i) {
    ++s.serial;
    auto t0 = Clock::now();
    if (auto ok = b.save(s); !ok) {
      std::fprintf(stderr, "save failed: %s\n", ok.error().message.c_str());
      std::exit(1);
    }
    saves.push_back(ms_since(t0));
    t0 = Clock::now();
    auto loaded = b.load();
    loads.push_back(ms_since(t0));
    if (!loaded || loaded->resources.size() != s.resources.size()) {
      std::fprintf(stderr, "load failed: %s\n", loaded ? "wrong size" : loaded.error().message.c_str());
      std::exit(1);
    }
  }
  return {median(saves), median(loads)};
}

double append_median(state::Backend& b, std::size_t appends) {
  std::vector<double> times;
  state::ResourceState r;
  r.kind = engine::Kind::client;
  r.user_id = "4242";
  r.applied["phone_number"] = std::string(64, 'c');
  for (std::size_t i = 0; i < appends; ++i) {
    auto t0 = Clock::now();
    if (auto ok = b.append_journal({state::JournalEntry::Op::upsert, "client.mrn-x", r}); !ok) {
      std::fprintf(stderr, "append failed: %s\n", ok.error().message.c_str());
      std::exit(1);
    }
    times.push_back(ms_since(t0));
  }
  return median(times);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  std::size_t appends = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 1000;
  // Both backends under a state key, as a team state is always kept.
  const state::StateKey key =
      state::parse_state_key(state::generate_state_key(), "bench").value();
  state::StateFile s = make_state(n, key);
  std::printf("state of %zu managed users, median of %d rounds\n", n, k_rounds);

  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("rosterform-bench-" + state::random_hex(4));
  state::LocalBackend local((dir / "state.json").string(), {}, key);
  Figures lf = measure(local, s);
  double la = append_median(local, appends);
  std::printf("local     save %8.1f ms   load %8.1f ms   load+save %8.1f ms   journal append %.3f ms\n",
              lf.save_ms, lf.load_ms, lf.save_ms + lf.load_ms, la);
  std::filesystem::remove_all(dir);

  if (std::getenv("PGHOST") == nullptr) {
    std::printf("postgres  skipped: no PGHOST (run under tests/pg/with_cluster.sh)\n");
    return 0;
  }
  state::PostgresSettings settings;
  settings.schema = "bench_" + state::random_hex(4);
  settings.connect.conn_str_origin = "the PG* environment";
  settings.key = key;
  auto pg = state::PostgresBackend::open(settings);
  if (!pg) {
    std::fprintf(stderr, "%s\n", pg.error().message.c_str());
    return 1;
  }
  Figures pf = measure(**pg, s);
  double pa = append_median(**pg, appends);
  std::printf("postgres  save %8.1f ms   load %8.1f ms   load+save %8.1f ms   journal append %.3f ms\n",
              pf.save_ms, pf.load_ms, pf.save_ms + pf.load_ms, pa);
  std::printf("postgres / local (load+save): %.2fx (target <= 1.5x); append median %.3f ms (target <= 5 ms)\n",
              (pf.save_ms + pf.load_ms) / (lf.save_ms + lf.load_ms), pa);
  return 0;
}
