// libFuzzer harness: what rosterform makes of Healthie's answers.
//
// The first byte picks a mode (fuzz_input.hpp):
//   mode % 4 == 0, 1  one answer through classify() with a chosen HTTP
//                     status and root field, then every object under `data`
//                     through the three user decoders;
//   mode % 4 == 2     a whole read (preflight, staff, clients) in the API
//                     shape bit 2 picks, each request answered by the next
//                     part of the input;
//   mode % 4 == 3     a client or staff look-up (find_by_identity), answered
//                     the same way.
// Answers run out into HTTP 400 (scripted_healthie.hpp), so every run ends:
// a server that never ends a list is the readers' business (their own
// tests), not a fuzzer timeout.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "providers/healthie/healthie_provider.hpp"
#include "providers/healthie/json_document.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "providers/healthie/response.hpp"
#include "providers/healthie/user_decode.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/scripted_healthie.hpp"

namespace {

using namespace rosterform;
using simdjson::dom::element;

constexpr std::array<long, 8> k_statuses = {200, 200, 200, 400, 401, 429, 500, 302};
constexpr std::array<std::string_view, 6> k_root_fields = {"",
                                                           "createClient",
                                                           "updateClient",
                                                           "createOrganizationMembership",
                                                           "updateOrganizationMember",
                                                           "updateOrganizationMembership"};
constexpr int k_max_depth = 8;  // data nests users at most three deep

// Every object below `e` goes through each decoder, as a page of any query
// would hand it over.
void decode_all(element e, const healthie::StaffEmails& staff, int depth) {
  if (depth > k_max_depth)
    return;
  simdjson::dom::array items;
  if (e.get(items) == simdjson::SUCCESS) {
    for (element item : items)
      decode_all(item, staff, depth + 1);
    return;
  }
  simdjson::dom::object fields;
  if (e.get(fields) != simdjson::SUCCESS)
    return;
  engine::RemoteUser user;
  (void)healthie::decode_client(e, staff, user);
  (void)healthie::decode_membership(e, user);
  (void)healthie::decode_member_user(e, user);
  (void)healthie::int_member(e, "total_count");
  (void)healthie::bool_member(e, "has_next_page");
  for (auto field : fields)
    decode_all(field.value, staff, depth + 1);
}

void classify_one(std::uint8_t mode, std::string_view body) {
  http::Response response;
  response.status = k_statuses[(mode >> 2) % k_statuses.size()];
  response.body = std::string(body);
  if (mode & 0x20)
    response.headers.push_back({"retry-after", "1"});
  auto root = k_root_fields[(mode >> 5) % k_root_fields.size()];
  healthie::Classified c = healthie::classify(response, root);
  (void)healthie::outcome_unknown(c);
  (void)healthie::to_string(c.kind);
  if (!c.json)
    return;
  healthie::StaffEmails staff = {{"10", "olivia@example.com"}, {"11", "peter@example.com"}};
  element data;
  if (c.json->root["data"].get(data) == simdjson::SUCCESS)
    decode_all(data, staff, 0);
}

std::unique_ptr<healthie::HealthieProvider> scripted_provider(std::uint8_t mode,
                                                              std::string_view rest) {
  auto config = fuzz::scripted_config((mode & 4) ? healthie::ApiShape::baseline
                                                 : healthie::ApiShape::connections);
  auto transport =
      std::make_unique<testing::FakeTransport>(fuzz::scripted_answers(fuzz::split_parts(rest, 64)));
  auto made = healthie::make_healthie_provider(config, std::move(transport));
  return made ? std::move(*made) : nullptr;
}

void read_all(std::uint8_t mode, std::string_view rest) {
  auto provider = scripted_provider(mode, rest);
  if (!provider)
    return;
  auto state = provider->read_current_state();
  // Replaying one input by hand with ROSTERFORM_FUZZ_VERBOSE=1 shows how far
  // the read got (the seeds should read completely).
  if (std::getenv("ROSTERFORM_FUZZ_VERBOSE"))
    std::fprintf(stderr, "read: %s\n",
                 state ? ("ok, " + std::to_string(state->staff.size()) + " staff, " +
                          std::to_string(state->clients.size()) + " clients")
                             .c_str()
                       : state.error().message.c_str());
}

void look_up(std::uint8_t mode, std::string_view rest) {
  auto provider = scripted_provider(mode, rest);
  if (!provider)
    return;
  bool client = (mode & 8) != 0;
  const auto& schema = client ? healthie::client_schema() : healthie::staff_schema();
  engine::Record identity;
  identity.set(*schema.id_of("email"), "c@example.com");
  if (client) {
    identity.set(*schema.id_of("first_name"), "C");
    identity.set(*schema.id_of("last_name"), "Z");
  }
  (void)provider->find_by_identity(client ? engine::Kind::client : engine::Kind::staff, identity);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [mode, rest] = fuzz::take_selector(fuzz::as_text(data, size));
  switch (mode % 4) {
    case 0:
    case 1:
      classify_one(mode, rest);
      break;
    case 2:
      read_all(mode, rest);
      break;
    default:
      look_up(mode, rest);
      break;
  }
  return 0;
}
