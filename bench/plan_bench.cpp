// Planning benchmark: diff and render N desired clients against N current
// ones, 1% of them changed (issue 6: 1,000,000 in at most 3 s and 1.5 GB).
//
//   build/plan-release/bench/plan_bench [N]     (default 1000000)
//
// Prints the time of each phase and the process's peak RSS, which covers
// the generated inputs too: in a real run they are what the loader and the
// provider hand the diff.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "engine/plan/diff.hpp"
#include "engine/plan/identity_index.hpp"
#include "engine/render/human.hpp"
#include "engine/render/json.hpp"
#include "engine/render/markdown.hpp"
#include "engine/render/mask.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t k_staff = 50;

// Stands in for the state's HMAC: cheap, deterministic, 64 hex digits.
class BenchHasher final : public engine::ValueHasher {
 public:
  std::string hex_digest(std::string_view value) const override {
    std::uint64_t a = engine::identity_hash(value, false);
    return fmt::format("{:016x}{:016x}{:016x}{:016x}", a, ~a, a ^ 0x55, a + 7);
  }
};

engine::FieldId id(engine::Kind kind, std::string_view name) {
  return *healthie::schema_for(kind).id_of(name);
}

struct Inputs {
  engine::DesiredState desired;
  engine::CurrentState current;
  engine::PriorState prior;
};

void fill_client(engine::Record& r, std::size_t i, bool changed) {
  using engine::Kind;
  r.set(id(Kind::client, "email"), fmt::format("client{}@mail.example", i));
  r.set(id(Kind::client, "first_name"), fmt::format("First{}", i % 5000));
  r.set(id(Kind::client, "last_name"), fmt::format("Last{}", i % 7919));
  r.set(id(Kind::client, "dob"), fmt::format("19{:02}-{:02}-{:02}", 40 + i % 60, 1 + i % 12, 1 + i % 28));
  r.set(id(Kind::client, "phone_number"), fmt::format("+1-555-{:07}", changed ? i + 1 : i));
  r.set(id(Kind::client, "timezone"), "America/New_York");
  r.set(id(Kind::client, "provider"), fmt::format("dr{}@clinic.example", i % k_staff));
}

Inputs generate(std::size_t n, const BenchHasher& hasher) {
  using engine::Kind;
  Inputs in;
  in.desired.staff_declared = true;
  in.desired.clients_declared = true;
  in.current.caller = {"caller", "org", true, "Standard"};
  for (std::size_t s = 0; s < k_staff; ++s) {
    engine::DesiredUser d;
    d.kind = Kind::staff;
    d.key = fmt::format("dr{}@clinic.example", s);
    d.fields.set(id(Kind::staff, "email"), d.key);
    d.fields.set(id(Kind::staff, "first_name"), "Dr");
    d.fields.set(id(Kind::staff, "last_name"), fmt::format("S{}", s));
    engine::RemoteUser u;
    u.kind = Kind::staff;
    u.user_id = fmt::format("s{}", s);
    u.fields = d.fields;
    in.prior.records.push_back({Kind::staff, d.key, u.user_id, "", {}});
    in.desired.staff.push_back(std::move(d));
    in.current.staff.push_back(std::move(u));
  }
  in.desired.clients.resize(n);
  in.current.clients.resize(n);
  in.prior.records.reserve(k_staff + n);
  for (std::size_t i = 0; i < n; ++i) {
    engine::DesiredUser& d = in.desired.clients[i];
    d.kind = Kind::client;
    d.key = fmt::format("c{:07}", i);
    d.explicit_key = true;
    d.location = {"roster/clients.yaml", static_cast<std::uint32_t>(i * 8 + 1), 3};
    fill_client(d.fields, i, false);
    engine::RemoteUser& u = in.current.clients[n - 1 - i];  // not in roster order
    u.kind = Kind::client;
    u.user_id = fmt::format("{}", 100000000 + i);
    u.updated_at = "2026-11-01T10:00:00Z";
    fill_client(u.fields, i, i % 100 == 0);
    engine::ManagedRecord rec{Kind::client, d.key, u.user_id, "", {}};
    // Last applied: every managed field, as the roster has it.
    for (const auto& [fid, value] : d.fields.fields()) {
      rec.applied.push_back({fid, *engine::parse_field_digest(hasher.hex_digest(value))});
    }
    in.prior.records.push_back(std::move(rec));
  }
  in.prior.present = true;
  return in;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

long peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  BenchHasher hasher;
  auto t0 = Clock::now();
  Inputs in = generate(n, hasher);
  double gen = seconds_since(t0);
  long rss_inputs = peak_rss_mb();

  auto t1 = Clock::now();
  engine::PlanInputs pin{in.desired, in.current, in.prior, healthie::staff_schema(),
                         healthie::client_schema(), &hasher, {}};
  engine::PlanOutcome out = engine::make_plan(pin);
  double diff = seconds_since(t1);
  // Optional repeats, for profilers: `plan_bench N REPEATS`.
  for (int r = 1; argc > 2 && r < std::atoi(argv[2]); ++r) {
    out = engine::make_plan(pin);
  }

  auto t2 = Clock::now();
  engine::render::RenderOptions ro{&healthie::staff_schema(), &healthie::client_schema(), false, false};
  std::string human = engine::render::render_human(out.plan, ro);
  std::string json = engine::render::render_json(out.plan, out.diagnostics, ro);
  std::string md = engine::render::render_markdown(out.plan, ro);
  double render = seconds_since(t2);

  std::printf("clients: %zu desired, %zu current; changes: %zu; no-ops: %zu; errors: %zu\n", n,
              in.current.clients.size(), out.plan.changes.size(),
              out.plan.summary.count(engine::Action::no_op), out.diagnostics.error_count());
  std::printf("generate: %.2f s (peak RSS after: %ld MB)\n", gen, rss_inputs);
  std::printf("diff:     %.3f s\n", diff);
  std::printf("render:   %.3f s (human %zu B, json %zu B, markdown %zu B)\n", render, human.size(),
              json.size(), md.size());
  std::printf("diff+render: %.3f s; peak RSS: %ld MB\n", diff + render, peak_rss_mb());
  std::printf("%s\n", engine::render::summary_line(out.plan).c_str());
  if (!out.diagnostics.empty()) {
    std::printf("first diagnostic: %s\n", engine::format_diagnostic(out.diagnostics.items()[0]).c_str());
  }
  return out.diagnostics.has_errors() ? 1 : 0;
}
