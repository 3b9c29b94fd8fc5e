// provider_probe: drives the Healthie provider from the command line, for
// the integration tests in tests/integration/test_provider_*.sh. Not part of
// rosterform; the key comes from the environment, never from argv.
//
//   provider_probe --url URL [--api-version V] [--parallelism N] [--rps R]
//                  [--timeout-ms N] [--key-env NAME] COMMAND [ARGS...]
//   commands: preflight | read | create-client KEY EMAIL FIRST LAST [PROVIDER]
//             | update-client KEY USER_ID FIELD VALUE | archive-client KEY USER_ID
//             | create-member KEY EMAIL FIRST LAST [ROLE]
//             | deactivate-member KEY MEMBERSHIP_ID [RECEIVER] | find-client EMAIL FIRST LAST
// Output: key=value lines on stdout; errors as "error: ..." on stderr, exit 1.

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "providers/healthie/documents.hpp"
#include "providers/healthie/healthie_provider.hpp"
#include "providers/healthie/json_text.hpp"
#include "providers/healthie/resource_schema.hpp"

using namespace rosterform;

namespace {

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return 1;
}

void print_stats(const healthie::HealthieProvider& p) {
  const auto& s = p.stats();
  std::cout << "requests=" << s.requests << "\nretries=" << s.retries
            << "\nthrottled=" << s.throttled << "\npeak_in_flight=" << s.peak_in_flight << "\n";
}

void print_user(const engine::RemoteUser& u) {
  std::cout << "user_id=" << u.user_id << "\nmembership_id=" << u.membership_id << "\nactive="
            << (u.is_active(healthie::schema_for(u.kind).id_of("active")) ? "true" : "false")
            << "\n";
}

engine::Record client_identity(const std::vector<std::string>& a, std::size_t at) {
  const auto& s = healthie::client_schema();
  engine::Record r;
  r.set(*s.id_of("email"), a.at(at));
  r.set(*s.id_of("first_name"), a.at(at + 1));
  r.set(*s.id_of("last_name"), a.at(at + 2));
  return r;
}

int print_result(const engine::Result<engine::RemoteUser>& r, const healthie::HealthieProvider& p) {
  print_stats(p);
  if (!r)
    return fail(r.error().message);
  print_user(*r);
  return 0;
}

int read(healthie::HealthieProvider& p) {
  auto state = p.read_current_state();
  print_stats(p);
  if (!state)
    return fail(state.error().message);
  std::size_t active = 0;
  auto client_active = healthie::client_schema().id_of("active");
  for (const auto& c : state->clients)
    active += c.is_active(client_active) ? 1U : 0U;
  std::size_t staff_active = 0;
  auto member_active = healthie::staff_schema().id_of("active");
  for (const auto& s : state->staff)
    staff_active += s.is_active(member_active) ? 1U : 0U;
  std::cout << "caller=" << state->caller.user_id
            << "\nadmin=" << (state->caller.is_admin ? "true" : "false")
            << "\nstaff=" << state->staff.size() << "\nstaff_active=" << staff_active
            << "\nclients=" << state->clients.size() << "\nclients_active=" << active << "\n";
  if (std::getenv("PROBE_DUMP_IDS") != nullptr)
    for (const auto& c : state->clients)
      std::cout << "client_id=" << c.user_id << "\n";
  return 0;
}

int run(healthie::HealthieProvider& p, const std::vector<std::string>& a) {
  const std::string& cmd = a.at(0);
  engine::Mutation m;
  if (cmd == "preflight") {
    auto c = p.preflight();
    if (!c)
      return fail(c.error().message);
    std::cout << "caller=" << c->user_id << "\norganization=" << c->organization_id
              << "\nadmin=" << (c->is_admin ? "true" : "false") << "\n";
    return 0;
  }
  if (cmd == "read")
    return read(p);
  if (cmd == "find-client") {
    auto f = p.find_by_identity(engine::Kind::client, client_identity(a, 1));
    if (!f)
      return fail(f.error().message);
    std::cout << "found=" << (f->has_value() ? (*f)->user_id : std::string("none")) << "\n";
    return 0;
  }
  // Named as the plan names records: the kind, a dot, the key.
  m.key = (cmd.find("member") != std::string::npos ? "staff." : "client.") + a.at(1);
  m.kind = cmd.find("member") != std::string::npos ? engine::Kind::staff : engine::Kind::client;
  if (cmd == "create-client") {
    m.op = engine::MutationKind::create;
    m.fields = client_identity(a, 2);
    if (a.size() > 5)
      m.fields.set(*healthie::client_schema().id_of("provider"), a[5]);
  } else if (cmd == "update-client") {
    m.op = engine::MutationKind::update;
    m.user_id = a.at(2);
    m.fields.set(*healthie::client_schema().id_of(a.at(3)), a.at(4));
  } else if (cmd == "archive-client") {
    m.op = engine::MutationKind::update;
    m.user_id = a.at(2);
    m.fields.set(*healthie::client_schema().id_of("active"), "false");
  } else if (cmd == "create-member") {
    const auto& s = healthie::staff_schema();
    m.op = engine::MutationKind::create;
    m.fields.set(*s.id_of("email"), a.at(2));
    m.fields.set(*s.id_of("first_name"), a.at(3));
    m.fields.set(*s.id_of("last_name"), a.at(4));
    if (a.size() > 5)
      m.fields.set(*s.id_of("org_role"), a[5]);
  } else if (cmd == "deactivate-member") {
    m.op = engine::MutationKind::update;
    m.membership_id = a.at(2);
    m.fields.set(*healthie::staff_schema().id_of("active"), "false");
    if (a.size() > 3)
      m.receiver = a[3];
  } else {
    return fail("unknown command " + cmd);
  }
  return print_result(p.apply_one(m), p);
}

}  // namespace

// Every document the provider can send, with variables that give each its
// largest cost and, for a mutation, every field it may send in $input, as
// JSON lines for tests/contract/validate_documents.mjs.
int print_documents(const std::string& shape_name) {
  auto shape =
      shape_name == "baseline" ? healthie::ApiShape::baseline : healthie::ApiShape::connections;
  for (const healthie::Document& d : healthie::all_documents(shape)) {
    std::string vars = "{}";
    if (d.operation_name == "RosterClientPage")
      vars = R"({"status":"active","offset":0,"size":100})";
    if (d.operation_name == "RosterClientSegments")
      vars = R"({"f0":60,"f1":40})";
    if (d.operation_name == "RosterStaff" && shape == healthie::ApiShape::connections)
      vars = R"({"first":100})";
    std::string line = "{\"name\":";
    healthie::append_json_string(line, d.operation_name);
    line += ",\"mutation\":" + std::string(d.mutation ? "true" : "false") + ",\"text\":";
    healthie::append_json_string(line, d.text);
    line += ",\"variables\":" + vars;
    if (d.input) {  // the input object's fields, which the document alone never shows
      line += ",\"input_type\":";
      healthie::append_json_string(line, healthie::input_type_name(*d.input));
      line += ",\"input_fields\":[";
      std::string sep;
      for (std::string_view f : healthie::sent_input_fields(*d.input)) {
        line += sep;
        healthie::append_json_string(line, f);
        sep = ",";
      }
      line += "]";
    }
    std::cout << line << "}\n";
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--print-documents")
    return print_documents(argv[2]);
  healthie::ProviderConfig config;
  std::string key_env = "HEALTHIE_API_KEY";
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--url")
      config.endpoint = value();
    else if (arg == "--api-version") {
      auto v = healthie::parse_api_version(value());
      if (!v)
        return fail(v.error().message);
      config.api_version = *v;
    } else if (arg == "--parallelism")
      config.parallelism = std::stoi(value());
    else if (arg == "--initial-window")
      config.initial_window = std::stoi(value());
    else if (arg == "--rps")
      config.max_requests_per_second = std::stod(value());
    else if (arg == "--timeout-ms")
      config.transport.total_timeout = std::chrono::milliseconds(std::stol(value()));
    else if (arg == "--key-env")
      key_env = value();
    else
      rest.push_back(arg);
  }
  if (rest.empty())
    return fail("no command (see the comment at the top of provider_probe.cpp)");
  const char* key = std::getenv(key_env.c_str());
  config.api_key = key != nullptr ? key : "";
  config.on_notice = [](std::string_view text) { std::cerr << "warning: " << text << "\n"; };
  auto provider = healthie::make_healthie_provider(config);
  if (!provider)
    return fail(provider.error().message);
  try {
    return run(**provider, rest);
  } catch (const std::out_of_range&) {
    return fail("missing arguments for " + rest[0]);
  }
}
