// `rosterform doctor`: checks, against the endpoint and without changing
// anything, that this rosterform works with it (providers/healthie/doctor.hpp).
// One line per check with ✓, ✗ or ? (not verified) and advice; -json for
// machines; exit 0 when no check failed, 1 otherwise. -fail-before=30d also
// fails when the API version's sunset is nearer, for a scheduled CI job;
// -fail-unverified also fails a check the server would not let doctor verify.

#include <charconv>
#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/session.hpp"
#include "engine/roster/loader.hpp"
#include "providers/healthie/resource_schema.hpp"

namespace rosterform::cli {

namespace {

struct DoctorArgs {
  std::string dir = ".";
  bool json = false;
  bool fail_unverified = false;
  std::string fail_before;
};

// "30d": a whole number of days.
std::optional<std::chrono::days> parse_days(const std::string& text) {
  if (text.size() < 2 || text.back() != 'd') {
    return std::nullopt;
  }
  int n = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || n < 0 || n > 3650) {
    return std::nullopt;
  }
  return std::chrono::days(n);
}

nlohmann::json to_json(const healthie::DoctorReport& r) {
  nlohmann::json checks = nlohmann::json::array();
  for (const healthie::DoctorCheck& c : r.checks) {
    checks.push_back({{"name", c.name},
                      {"ok", !c.failed()},
                      {"status", healthie::to_string(c.status)},
                      {"detail", c.detail},
                      {"advice", c.advice}});
  }
  nlohmann::json out = {{"ok", r.ok()},
                        {"not_verified", r.count(healthie::CheckStatus::not_verified)},
                        {"endpoint", r.endpoint},
                        {"api_version", r.api_version},
                        {"sunset_date", r.sunset_date.empty() ? nlohmann::json() : nlohmann::json(r.sunset_date)},
                        {"days_left", r.days_left ? nlohmann::json(*r.days_left) : nlohmann::json()},
                        {"checks", std::move(checks)}};
  return out;
}

std::string_view mark(healthie::CheckStatus status) {
  switch (status) {
    case healthie::CheckStatus::passed:
      return "✓ ";
    case healthie::CheckStatus::failed:
      return "✗ ";
    case healthie::CheckStatus::not_verified:
      return "? ";
  }
  return "✗ ";
}

void print_human(const healthie::DoctorReport& r) {
  for (const healthie::DoctorCheck& c : r.checks) {
    std::cout << mark(c.status) << c.name << ": " << c.detail << "\n";
    if (!c.advice.empty()) {
      std::cout << "    → " << c.advice << "\n";
    }
  }
  std::size_t unverified = r.count(healthie::CheckStatus::not_verified);
  std::cout << fmt::format("doctor: {} {}, {} passed, {} failed{}\n", r.checks.size(),
                           r.checks.size() == 1 ? "check" : "checks",
                           r.count(healthie::CheckStatus::passed),
                           r.count(healthie::CheckStatus::failed),
                           unverified == 0 ? "" : fmt::format(", {} not verified", unverified));
}

// rosterform.yaml must be right for doctor to know what to check; mistakes
// in roster files elsewhere are validate's business.
bool workspace_file_ok(const engine::roster::LoadResult& loaded) {
  bool ok = true;
  for (const engine::Diagnostic& d : loaded.diagnostics.items()) {
    if (d.severity == engine::Severity::error &&
        d.location.file.ends_with(engine::roster::k_workspace_file)) {
      std::cerr << engine::format_diagnostic(d) << "\n";
      ok = false;
    }
  }
  return ok;
}

int run_doctor(const DoctorArgs& args) {
  healthie::DoctorOptions options;
  options.today = healthie::utc_today();
  options.fail_unverified = args.fail_unverified;
  if (!args.fail_before.empty()) {
    options.fail_before = parse_days(args.fail_before);
    if (!options.fail_before) {
      std::cerr << fmt::format(
          "rosterform: -fail-before must be a number of days such as 30d (got '{}')\n",
          args.fail_before);
      return k_exit_error;
    }
  }
  auto loaded = engine::roster::load_workspace(args.dir, healthie::staff_schema(),
                                               healthie::client_schema(), roster_load_options());
  if (!workspace_file_ok(loaded)) {
    return k_exit_error;
  }
  auto config = provider_config(loaded.state, 4);
  if (!config) {
    std::cerr << "rosterform: " << config.error().message << "\n";
    return k_exit_error;
  }
  config->on_notice = [](std::string_view) {};  // doctor reports the version itself
  // Doctor reports what the endpoint answers now: one retry, not a minute of them.
  config->max_attempts = 2;
  auto provider = healthie::make_healthie_provider(std::move(*config));
  if (!provider) {
    std::cerr << "rosterform: " << provider.error().message << "\n";
    return k_exit_error;
  }
  healthie::DoctorReport report = (*provider)->doctor(options);
  if (args.json) {
    std::cout << to_json(report).dump(2) << "\n";
  } else {
    print_human(report);
  }
  return report.ok() ? k_exit_ok : k_exit_error;
}

}  // namespace

CommandFn define_doctor(CLI::App& sub) {
  auto args = std::make_shared<DoctorArgs>();
  sub.add_option("--dir", args->dir, "The workspace folder (default .)");
  sub.add_flag("--json", args->json, "Print the checks as one JSON object on stdout");
  sub.add_option("--fail-before", args->fail_before,
                 "Also fail when the API version's sunset is nearer than this, e.g. 30d");
  sub.add_flag("--fail-unverified", args->fail_unverified,
               "Also fail a check Healthie would not let doctor verify (introspection disabled)");
  return [args] { return run_doctor(*args); };
}

}  // namespace rosterform::cli
