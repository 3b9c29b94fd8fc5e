// Writes the seed corpora under tests/fuzz/corpus/ from the real encoders and
// the unit tests' FakeHealthie, so the seeds stay true to the formats:
//   build/fuzz/tests/fuzz/make_seeds tests/fuzz/corpus
// Built with the harnesses, run by hand when a format changes
// (docs/fuzzing.md); the roster seeds are hand-written files.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "providers/healthie/healthie_provider.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "state/saved_plan.hpp"
#include "state/sealed_plan.hpp"
#include "state/state_codec.hpp"
#include "tests/fuzz/fuzz_state_key.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/scripted_healthie.hpp"
#include "tests/unit/support/fake_healthie.hpp"

namespace {

using namespace rosterform;
namespace fs = std::filesystem;

void write_seed(const fs::path& dir, const std::string& name, char mode, const std::string& text) {
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << mode << text;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i ? std::string(fuzz::k_part_separator) : "") + parts[i];
  return out;
}

// Records every answer FakeHealthie gives to one whole read.
std::string record_read(healthie::ApiShape shape, int clients, bool lookup_client) {
  testing::FakeHealthie sim(shape);
  sim.add_member("10", "olivia@example.com", true, true);
  sim.add_member("11", "peter@example.com");
  sim.add_member("12", "gone@example.com", false);
  for (int i = 0; i < clients; ++i)
    sim.add_client(std::to_string(100 + i), "c" + std::to_string(i) + "@example.com",
                   i % 2 ? "10" : "11", i % 3 != 0);
  std::vector<std::string> answers;
  auto fake = std::make_unique<testing::FakeTransport>([&](const http::Request& r) {
    http::Response out = sim.handle(r);
    answers.push_back(out.body);
    return out;
  });
  auto provider =
      std::move(*healthie::make_healthie_provider(fuzz::scripted_config(shape), std::move(fake)));
  if (lookup_client) {
    const auto& s = healthie::client_schema();
    engine::Record id;
    id.set(*s.id_of("email"), "c@example.com");
    id.set(*s.id_of("first_name"), "C");
    id.set(*s.id_of("last_name"), "Z");
    sim.add_client("900", "c@example.com", "10", false);
    (void)provider->find_by_identity(engine::Kind::client, id);
  } else {
    (void)provider->read_current_state();
  }
  return join(answers);
}

void response_seeds(const fs::path& dir) {
  // classify() alone: mode byte 0 is HTTP 200 and no root field.
  write_seed(dir, "classify-ok", 0,
             R"({"data":{"users":[{"id":"1","email":"a@b.c","active":true}]}})");
  write_seed(dir, "classify-throttled", 0,
             R"({"errors":[{"message":"Too many","extensions":{"code":"TOO_MANY_REQUESTS"}}]})");
  write_seed(
      dir, "classify-warning", 0,
      R"({"data":{},"extensions":{"warnings":[{"code":"API_VERSION_SUNSET_WARNING","message":"m","sunset_date":"2027-01-01"}]}})");
  write_seed(
      dir, "classify-validation", 0x20,
      R"({"data":{"createClient":{"user":null,"messages":[{"field":"email","message":"Email is invalid"}]}}})");
  write_seed(dir, "classify-bad-key", 0, R"({"errors":[{"message":"API Key is Invalid"}]})");
  // Whole reads: mode 2 is 2026-01-01, mode 6 the 2024-06-01 baseline.
  write_seed(dir, "read-connections", 2, record_read(healthie::ApiShape::connections, 7, false));
  write_seed(dir, "read-baseline", 6, record_read(healthie::ApiShape::baseline, 7, false));
  // Look-ups: mode 11 a client on 2026-01-01, mode 15 on the baseline.
  write_seed(dir, "lookup-client", 11, record_read(healthie::ApiShape::connections, 1, true));
  write_seed(dir, "lookup-client-baseline", 15, record_read(healthie::ApiShape::baseline, 1, true));
}

state::Schemas schemas() {
  return {healthie::staff_schema(), healthie::client_schema()};
}

state::StateFile sample_state() {
  state::StateFile s;
  s.lineage = "5f0c1d2e3f405162738495a6b7c8d9e0";
  s.serial = 7;
  s.hmac_key = std::string(64, 'a');
  s.resources["client.mrn-10442"] = {
      engine::Kind::client, "2001", "", {{"email", "ab12"}, {"dob", "cd34"}}};
  s.resources["staff.jones@clinic.example"] = {
      engine::Kind::staff, "1001", "m-1", {{"email", "ef56"}}};
  return s;
}

engine::Change sample_change() {
  engine::Change c;
  c.action = engine::Action::update;
  c.address.kind = engine::Kind::client;
  c.address.key = "mrn-1";
  c.address.user_id = "2001";
  c.address.location = {"roster/clients.yaml", 4, 5};
  engine::FieldChange f;
  f.field = *healthie::client_schema().id_of("email");
  f.before = "old@example.com";
  f.after = "new@example.com";
  f.changed = true;
  c.fields.push_back(f);
  c.fingerprint = {"2026-11-01 10:00:00 +0000", "ff00"};
  return c;
}

void state_seeds(const fs::path& dir) {
  auto state = sample_state();
  std::string encoded = state::encode_state(state);
  write_seed(dir, "state", 0, encoded);
  state::JournalEntry up{state::JournalEntry::Op::upsert,
                         "client.mrn-9",
                         {engine::Kind::client, "9", "", {{"email", "00"}}}};
  state::JournalEntry rm{state::JournalEntry::Op::remove, "client.mrn-10442", {}};
  std::string journal =
      state::encode_journal_entry(up) + "\n" + state::encode_journal_entry(rm) + "\n";
  write_seed(dir, "journal", 1, journal);
  state::SavedPlan saved;
  saved.lineage = state.lineage;
  saved.serial = 7;
  saved.state_present = true;
  saved.created = "2026-11-27T10:00:00Z";
  saved.created_unix = 1795000000;
  saved.plan.changes.push_back(sample_change());
  engine::recount(saved.plan);
  std::string plan_text = state::encode_saved_plan(saved, schemas());
  write_seed(dir, "saved-plan", 2, plan_text);
  state::StateKey key = fuzz::fuzz_state_key();
  write_seed(dir, "sealed-plan", 2,
             state::seal_saved_plan(plan_text, state::plan_hash(saved.plan, schemas()), key));
  state::StateFile external = state;
  external.key_fingerprint = state::key_fingerprint(key);
  external.hmac_key = state::derived_hmac_key_hex(key);
  write_seed(dir, "state-external-key", 0, state::encode_state(external));
  std::string lock =
      R"({"id":"ab12","who":"ci@host","host":"host","pid":123,"operation":"apply","created":"2026-11-27T10:00:00Z"})";
  write_seed(dir, "backend", 3, join({encoded, journal, lock}));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_seeds CORPUS_DIR\n");
    return 2;
  }
  fs::path corpus = argv[1];
  response_seeds(corpus / "fuzz_response_decoder");
  state_seeds(corpus / "fuzz_state_decoder");
  return 0;
}
