#pragma once
// A HealthieProvider wired to a FakeHealthie through a FakeTransport, with
// fast backoff so retry tests take milliseconds.

#include <memory>
#include <string>
#include <vector>

#include "providers/healthie/healthie_provider.hpp"
#include "tests/unit/support/fake_healthie.hpp"

namespace rosterform::testing {

inline constexpr const char* k_test_key = "gh_sbox_SECRET_test_key";

inline healthie::ProviderConfig fast_config(healthie::ApiShape shape) {
  healthie::ProviderConfig config;
  config.endpoint = "http://127.0.0.1:9/graphql";
  config.api_key = k_test_key;
  config.api_version = *healthie::parse_api_version(
      shape == healthie::ApiShape::baseline ? "2024-06-01" : "2026-01-01");
  config.backoff_base = std::chrono::milliseconds(1);
  config.backoff_cap = std::chrono::milliseconds(2);
  config.jitter_seed = 42;
  return config;
}

// Records the steps a provider reports; `refuse` fails the next report.
struct StepLog final : engine::StepObserver {
  struct Entry {
    std::size_t batch_index;
    std::size_t done;
    std::string name;
    std::string next;
    std::string user_id;
    std::size_t carried;
  };
  std::vector<Entry> entries;
  std::string refuse;
  engine::Status on_step(std::size_t batch_index, const engine::StepReport& step) override {
    if (!refuse.empty())
      return engine::fail(refuse);
    entries.push_back({batch_index, step.done, std::string(step.name), std::string(step.next),
                       step.so_far != nullptr ? step.so_far->user_id : "", step.carried.size()});
    return {};
  }
};

struct Harness {
  explicit Harness(healthie::ApiShape shape,
                   std::function<void(healthie::ProviderConfig&)> tweak = {})
      : sim(shape) {
    healthie::ProviderConfig config = fast_config(shape);
    config.on_notice = [this](std::string_view text) { notices.emplace_back(text); };
    config.on_progress = [this](std::string_view text) { progress.emplace_back(text); };
    if (tweak)
      tweak(config);
    auto fake = std::make_unique<FakeTransport>(sim.handler());
    transport = fake.get();
    provider = std::move(*healthie::make_healthie_provider(config, std::move(fake)));
  }

  FakeHealthie sim;
  FakeTransport* transport = nullptr;
  std::unique_ptr<healthie::HealthieProvider> provider;
  std::vector<std::string> notices;
  std::vector<std::string> progress;
};

}  // namespace rosterform::testing
