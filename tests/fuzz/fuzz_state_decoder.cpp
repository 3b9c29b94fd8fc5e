// libFuzzer harness: everything rosterform reads back from `.rosterform/`.
//
// The first byte picks a mode (fuzz_input.hpp):
//   mode % 4 == 0  decode_state (without a state key, else with the fuzz
//                  key: fuzz_state_key.hpp), then the prior state the diff
//                  would see;
//   mode % 4 == 1  decode_journal, folded into a fresh state;
//   mode % 4 == 2  open_saved_plan under the fuzz key (an encrypted plan),
//                  then decode_saved_plan with Healthie's schemas;
//   mode % 4 == 3  LocalBackend::load and lock_holder over a scratch folder
//                  whose state file, journal and lock file are the parts.
// Whatever decodes must survive a round trip: encoding it and decoding that
// again gives the same encoding (a state that could be saved but not loaded
// would strand the next run).

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "providers/healthie/resource_schema.hpp"
#include "state/local_backend.hpp"
#include "state/prior_state_view.hpp"
#include "state/saved_plan.hpp"
#include "state/sealed_plan.hpp"
#include "state/state_codec.hpp"
#include "state/state_model.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_state_key.hpp"

namespace {

using namespace rosterform;
namespace fs = std::filesystem;

state::Schemas schemas() {
  return {healthie::staff_schema(), healthie::client_schema()};
}

void require(bool ok) {
  if (!ok)
    std::abort();  // libFuzzer reports the input as a crash
}

// Replaying one input by hand with ROSTERFORM_FUZZ_VERBOSE=1 says whether it
// decoded (the seeds should).
template <typename T>
bool decoded_ok(const char* what, const engine::Result<T>& result) {
  if (std::getenv("ROSTERFORM_FUZZ_VERBOSE"))
    std::fprintf(stderr, "%s: %s\n", what, result ? "ok" : result.error().message.c_str());
  return result.has_value();
}

const state::StateKey& key() {
  static const state::StateKey k = fuzz::fuzz_state_key();
  return k;
}

void state_round_trip(const state::StateFile& decoded) {
  std::string once = state::encode_state(decoded);
  auto again = state::decode_state(once, "round-trip", decoded.external_key() ? &key() : nullptr);
  require(again.has_value());
  require(state::encode_state(*again) == once);
}

void fuzz_state(std::string_view text) {
  auto decoded = state::decode_state(text, ".rosterform/state.json");
  if (!decoded) {
    decoded = state::decode_state(text, ".rosterform/state.json", &key());
  }
  if (!decoded_ok("state", decoded))
    return;
  state_round_trip(*decoded);
  (void)state::to_prior_state(*decoded, true, schemas());
}

void fuzz_journal(std::string_view text) {
  auto entries = state::decode_journal(text, ".rosterform/state.json.journal");
  if (!decoded_ok("journal", entries))
    return;
  std::string lines;
  for (const auto& e : *entries)
    lines += state::encode_journal_entry(e) + "\n";
  auto again = state::decode_journal(lines, "round-trip");
  require(again.has_value() && again->size() == entries->size());
  state::StateFile folded;
  folded.lineage = "0123456789abcdef";
  folded.hmac_key = std::string(64, 'a');
  state::apply_journal(folded, *entries);
  state_round_trip(folded);
}

void fuzz_saved_plan(std::string_view sealed) {
  auto text = state::open_saved_plan(sealed, "review.plan", &key());
  if (!decoded_ok("encrypted plan", text))
    return;
  auto decoded = state::decode_saved_plan(*text, "review.plan", schemas());
  if (!decoded_ok("saved plan", decoded))
    return;
  // apply indexes its slots by depends_on and waits for each dependency
  // to finish first, so each must name an earlier change.
  const auto& changes = decoded->plan.changes;
  for (std::size_t i = 0; i < changes.size(); ++i)
    for (std::size_t d : changes[i].depends_on)
      require(d < i);
  std::string once = state::encode_saved_plan(*decoded, schemas());
  auto again = state::decode_saved_plan(once, "round-trip", schemas());
  require(again.has_value());
  require(state::encode_saved_plan(*again, schemas()) == once);
  (void)state::plan_hash(decoded->plan, schemas());
}

// One scratch folder per process, emptied before every input.
const fs::path& scratch() {
  static const fs::path dir = [] {
    std::string templ = (fs::temp_directory_path() / "rosterform-fuzz-state-XXXXXX").string();
    require(::mkdtemp(templ.data()) != nullptr);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch(), ec);
    });
    return fs::path(templ);
  }();
  return dir;
}

void write_or_remove(const fs::path& path, const std::string_view* text) {
  std::error_code ec;
  fs::remove(path, ec);
  if (text)
    std::ofstream(path, std::ios::binary)
        .write(text->data(), static_cast<std::streamsize>(text->size()));
}

void fuzz_backend(std::string_view rest) {
  auto parts = fuzz::split_parts(rest, 3);
  state::LocalBackend backend((scratch() / "state.json").string());
  // An empty first part means "no state file yet", which load() must handle.
  write_or_remove(backend.path(), parts[0].empty() ? nullptr : &parts[0]);
  write_or_remove(backend.journal_path(), parts.size() > 1 ? &parts[1] : nullptr);
  write_or_remove(backend.lock_path(), parts.size() > 2 ? &parts[2] : nullptr);
  auto loaded = backend.load();
  if (decoded_ok("backend", loaded))
    state_round_trip(*loaded);
  (void)backend.lock_holder();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [mode, rest] = fuzz::take_selector(fuzz::as_text(data, size));
  switch (mode % 4) {
    case 0:
      fuzz_state(rest);
      break;
    case 1:
      fuzz_journal(rest);
      break;
    case 2:
      fuzz_saved_plan(rest);
      break;
    default:
      fuzz_backend(rest);
      break;
  }
  return 0;
}
