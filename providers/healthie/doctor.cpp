#include "providers/healthie/doctor.hpp"

#include <algorithm>
#include <cstdio>
#include <regex>

#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/doctor_checks.hpp"
#include "providers/healthie/fetch.hpp"
#include "providers/healthie/healthie_provider.hpp"

namespace rosterform::healthie {

DoctorCheck pass(std::string name, std::string detail) {
  return {std::move(name), CheckStatus::passed, std::move(detail), {}};
}
DoctorCheck failed(std::string name, std::string detail, std::string advice) {
  return {std::move(name), CheckStatus::failed, std::move(detail), std::move(advice)};
}

Classified ask(Executor& exec, const Document& doc, const std::string& variables) {
  Classified out;
  exec.enqueue(doc, variables, [&out](Classified c) { out = std::move(c); });
  if (auto status = exec.run(); !status) {
    out.kind = ResponseKind::transport_error;
    out.detail = status.error().message;
  }
  return out;
}

namespace {

bool answered(const Classified& c) {
  return c.kind != ResponseKind::transport_error;
}

// libcurl's words without its timing ("... port 1 after 0 ms: ..."), so the
// same failure reads the same every time.
std::string without_timing(const std::string& text) {
  static const std::regex timing(R"( after \d+ ms)");
  return std::regex_replace(text, timing, "");
}

// The certificate text is libcurl's and OpenSSL's (the verification result,
// never the server's own words); the key is redacted from it by then.
DoctorCheck endpoint_check(const ProviderConfig& config, const Classified& c) {
  const bool tls = config.endpoint.starts_with("https://");
  if (answered(c)) {
    return pass("endpoint", config.endpoint + " answers" +
                                (tls ? "; its TLS certificate verifies" : " (plain http, local only)"));
  }
  if (c.failure == http::TransportFailure::untrusted) {
    return failed("endpoint", config.endpoint + ": " + without_timing(c.detail),
                  "check the endpoint's certificate and any proxy that intercepts TLS; "
                  "rosterform always verifies it");
  }
  return failed("endpoint", config.endpoint + " did not answer (" + without_timing(c.detail) + ")",
                "check healthie.endpoint in rosterform.yaml (or ROSTERFORM_ENDPOINT) and the network");
}

std::string role_of(const engine::Caller& caller) {
  return caller.org_role.empty() ? std::string() : ", " + caller.org_role + " member";
}

DoctorCheck caller_check(const engine::Caller& caller) {
  std::string who = "user " + caller.user_id + " of organization " +
                    (caller.organization_id.empty() ? "(none)" : caller.organization_id) +
                    role_of(caller);
  if (caller.is_admin) {
    return pass("key's user", who + ", an organization admin: rosterform can manage staff and "
                                    "every client of the organization");
  }
  return failed("key's user",
                who + ", not an organization admin: with this key rosterform sees only the "
                      "user's own clients and cannot manage staff, so plan, apply and import "
                      "refuse it",
                "use the API key of an organization admin");
}

std::string days_text(long days) {
  return days == 1 ? "1 day" : std::to_string(days) + " days";
}

long days_until(const std::string& iso, std::chrono::sys_days today) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d) != 3)
    return 0;
  std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  return (std::chrono::sys_days(date) - today).count();
}

// The version's status: Healthie's own warning when it sent one, else the
// table's sunset.
DoctorCheck version_check(const ProviderConfig& config, const std::vector<ApiWarning>& warnings,
                          const DoctorOptions& options, DoctorReport& report) {
  const std::string& version = config.api_version.header;
  const VersionRow* row = find_version(version);
  std::string how = row != nullptr ? std::string(to_string(row->verification)) : "not in the table";
  report.sunset_date = sunset_text(version);
  std::string source = "rosterform's version table";
  for (const ApiWarning& w : warnings) {
    if (w.code == "API_VERSION_SUNSET_WARNING" && !w.sunset_date.empty()) {
      report.sunset_date = w.sunset_date;
      source = "Healthie";
    }
  }
  std::string name = "API version " + version;
  if (report.sunset_date.empty()) {
    return pass(name, "current: Healthie sent no deprecation warning (" + how + ")");
  }
  long left = days_until(report.sunset_date, options.today);
  report.days_left = left;
  std::string status = "deprecated (" + source + "): rejected from " + report.sunset_date + ", " +
                       (left > 0 ? days_text(left) + " left" : "already past") + " (" + how + ")";
  std::string advice = "set healthie.api_version to " + std::string(k_default_api_version) +
                       " in rosterform.yaml and run doctor again";
  if (left <= 0)
    return failed(name, status, advice);
  if (options.fail_before && left < options.fail_before->count()) {
    return failed(name, status + "; nearer than -fail-before=" +
                            std::to_string(options.fail_before->count()) + "d",
                  advice);
  }
  return pass(name, status);
}

// A mutation sent without $input is accepted when Healthie refused only the
// missing variable, before executing anything.
bool missing_input_only(const Classified& c) {
  return c.kind == ResponseKind::graphql_errors && c.detail.find("$input") != std::string::npos;
}

DoctorCheck document_check(const Document& doc, const Classified& c, const std::string& version) {
  std::string name = "document " + doc.operation_name;
  std::string accepted = "accepted by Healthie for " + version;
  if (doc.mutation ? missing_input_only(c) : c.kind == ResponseKind::ok)
    return pass(name, accepted + (doc.mutation ? " (validated; not executed: no $input)" : ""));
  if (doc.mutation && c.kind == ResponseKind::execution_errors) {
    return failed(name, "Healthie began executing " + doc.root_field + " without its $input",
                  "report this: rosterform relies on Healthie refusing such a request");
  }
  return failed(name, "refused for " + version + ": " + c.detail,
                "this version changed what rosterform sends: set healthie.api_version to a "
                "version doctor passes with, or update rosterform");
}

}  // namespace

std::string_view to_string(CheckStatus status) {
  switch (status) {
    case CheckStatus::passed:
      return "passed";
    case CheckStatus::failed:
      return "failed";
    case CheckStatus::not_verified:
      return "not_verified";
  }
  return "failed";
}

bool DoctorReport::ok() const {
  return count(CheckStatus::failed) == 0;
}

std::size_t DoctorReport::count(CheckStatus status) const {
  return static_cast<std::size_t>(std::count_if(
      checks.begin(), checks.end(), [status](const DoctorCheck& c) { return c.status == status; }));
}

DoctorReport HealthieProvider::doctor(const DoctorOptions& options) {
  DoctorReport report;
  report.endpoint = m_config.endpoint;
  report.api_version = m_config.api_version.header;
  Classified first = ask(m_executor, preflight_query(), "{}");
  report.checks.push_back(endpoint_check(m_config, first));
  if (!answered(first))
    return report;
  std::vector<ApiWarning> warnings = first.warnings;
  if (is_version_error(first)) {
    report.checks.push_back(failed("API version " + report.api_version,
                                   "Healthie rejected it: " + first.detail,
                                   "set healthie.api_version to " +
                                       std::string(k_default_api_version) + " in rosterform.yaml"));
    return report;
  }
  auto caller = first.kind == ResponseKind::ok ? read_caller(first)
                                               : engine::Result<engine::Caller>(engine::fail(""));
  if (!caller) {
    std::string why = first.kind == ResponseKind::auth_failure || first.kind == ResponseKind::ok
                          ? "Healthie did not accept it"
                          : call_failure("the key check (currentUser)", first);
    report.checks.push_back(failed("API key", why,
                                   "check the key in the environment variable healthie.api_key_env "
                                   "names, and that it is for this endpoint (sandbox and "
                                   "production keys differ)"));
    return report;
  }
  report.checks.push_back(pass("API key", "accepted"));
  report.checks.push_back(caller_check(*caller));
  std::vector<DoctorCheck> documents;
  for (const Document& doc : all_documents(m_config.api_version.shape)) {
    if (doc.operation_name == preflight_query().operation_name)
      continue;  // answered above
    Classified c = ask(m_executor, doc, doc.probe_variables);
    warnings.insert(warnings.end(), c.warnings.begin(), c.warnings.end());
    documents.push_back(document_check(doc, c, report.api_version));
  }
  report.checks.push_back(version_check(m_config, warnings, options, report));
  report.checks.push_back(pass("document " + preflight_query().operation_name,
                               "accepted by Healthie for " + report.api_version));
  for (DoctorCheck& d : documents)
    report.checks.push_back(std::move(d));
  Classified inputs = ask(m_executor, input_fields_query(), "{}");
  warnings.insert(warnings.end(), inputs.warnings.begin(), inputs.warnings.end());
  for (DoctorCheck& d : input_checks(inputs, report.api_version, options.fail_unverified))
    report.checks.push_back(std::move(d));
  return report;
}

}  // namespace rosterform::healthie
