#include "state/local_backend.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "state/command_hint.hpp"
#include "state/crypto.hpp"
#include "state/lost_state.hpp"
#include "state/leftovers.hpp"
#include "state/json_member.hpp"
#include "state/private_file.hpp"
#include "state/private_folder.hpp"
#include "state/state_codec.hpp"

namespace rosterform::state {

namespace fs = std::filesystem;
using nlohmann::json;

StateFile new_state(const StateKey* key) {
  StateFile s;
  s.lineage = random_hex(16);
  if (key != nullptr) {
    s.format_version = k_state_format_external_key;
    s.hmac_key = derived_hmac_key_hex(*key);
    s.key_fingerprint = key_fingerprint(*key);
  } else {
    s.hmac_key = random_hex(32);
  }
  return s;
}

namespace {

std::string now_rfc3339() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

std::string encode_lock(const LockInfo& i) {
  return json{{"id", i.id},           {"who", i.who},
              {"host", i.host},       {"pid", i.pid},
              {"operation", i.operation}, {"created", i.created}}
      .dump();
}

LockInfo decode_lock(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  LockInfo i;
  // A lock file of another shape (edited, or half-written by a crash) still
  // names what it can, and never throws: it is read to explain a refusal.
  if (j.is_object()) {
    i.id = member_or(j, "id", std::string());
    i.who = member_or(j, "who", std::string());
    i.host = member_or(j, "host", std::string());
    i.pid = member_or(j, "pid", 0L);
    i.operation = member_or(j, "operation", std::string());
    i.created = member_or(j, "created", std::string());
  }
  return i;
}

std::string locked_message(const std::string& state_path, const std::string& path,
                           const LockInfo& holder) {
  std::string command = force_unlock_command(state_path, holder.id);
  std::string hint = holder_process(holder) == HolderProcess::gone
                         ? "That process is no longer running. If no other run is using the "
                           "state, release the lock with: " +
                               command
                         : "Wait for it to finish (or pass -lock-timeout=DURATION to wait), or, "
                           "if it crashed, run: " +
                               command;
  return fmt::format("the state is locked by another run ({}):\n{}\n{}", path, describe(holder),
                     hint);
}

// When the lock file was last written, and whether that was under a second
// ago: an empty file that young may be a run writing its record right now.
std::string modified_at(const std::string& path, bool& just_now) {
  struct stat st {};
  just_now = false;
  if (::stat(path.c_str(), &st) != 0) {
    return "at an unknown time";
  }
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  double age = static_cast<double>(now.tv_sec - st.st_mtim.tv_sec) +
               static_cast<double>(now.tv_nsec - st.st_mtim.tv_nsec) / 1e9;
  just_now = age < 1.0;
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(st.st_mtime));
}

}  // namespace

LocalBackend::LocalBackend(std::string state_path, std::string audit_log_path,
                           std::optional<StateKey> key)
    : m_path(std::move(state_path)),
      m_audit_log_path(std::move(audit_log_path)),
      m_key(std::move(key)) {}

const StateKey* LocalBackend::key() const { return m_key ? &*m_key : nullptr; }

// Every write goes through here, so a folder or file someone loosened is
// tightened again (private_folder.hpp).
engine::Status LocalBackend::ensure_directory() const {
  ROSTERFORM_TRY(make_private_folder(fs::path(m_path).parent_path().string()));
  for (const std::string& file : {m_path, journal_path(), lock_path()}) {
    ROSTERFORM_TRY(tighten_private_file(file));
  }
  return {};
}

engine::Result<StateFile> LocalBackend::load() {
  ROSTERFORM_TRY(check_state_not_lost({m_path, journal_path(), m_audit_log_path}));
  StateFile state;
  if (fs::exists(m_path)) {
    auto text = read_file(m_path);
    if (!text) {
      return tl::unexpected(text.error());
    }
    auto decoded = decode_state(*text, m_path, key());
    if (!decoded) {
      return decoded;
    }
    state = std::move(*decoded);
  } else {
    state = new_state(key());
  }
  if (fs::exists(journal_path())) {
    auto text = read_file(journal_path());
    if (!text) {
      return tl::unexpected(text.error());
    }
    auto entries = decode_journal(*text, journal_path());
    if (!entries) {
      return tl::unexpected(entries.error());
    }
    apply_journal(state, *entries);
  }
  return state;
}

engine::Result<Backend::NewState> LocalBackend::start_new_state() {
  auto aside = set_aside_lost_state({m_path, journal_path(), m_audit_log_path});
  if (!aside) {
    return tl::unexpected(aside.error());
  }
  NewState out{new_state(key()), *aside};
  ROSTERFORM_TRY(save(out.state));
  return out;
}

engine::Status LocalBackend::save(const StateFile& state) {
  ROSTERFORM_TRY(ensure_directory());
  ROSTERFORM_TRY(write_private_file_atomic(m_path, encode_state(state)));
  // Only once the new state is durable may the journal it includes go.
  std::error_code ec;
  fs::remove(journal_path(), ec);
  return {};
}

engine::Status LocalBackend::append_journal(const JournalEntry& entry) {
  ROSTERFORM_TRY(ensure_directory());
  return append_private_line(journal_path(), encode_journal_entry(entry));
}

engine::Result<bool> LocalBackend::try_create_lock(const LockInfo& info) const {
  int fd = ::open(lock_path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return false;
    }
    return engine::fail(
        fmt::format("cannot create lock {}: {}", lock_path(), std::strerror(errno)));
  }
  std::string text = encode_lock(info);
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(lock_path().c_str());
    return engine::fail(fmt::format("cannot write lock {}", lock_path()));
  }
  return true;
}

// The lock holder clears what an interrupted run left (leftovers.hpp).
engine::Status LocalBackend::recover_leftovers(const LockInfo& held) {
  remove_interrupted_saves(*this);
  auto folded = fold_leftover_journal(*this);
  if (!folded) {
    (void)unlock(held);
  }
  return folded;
}

engine::Result<LockInfo> LocalBackend::lock(const std::string& operation,
                                            std::chrono::milliseconds timeout) {
  ROSTERFORM_TRY(ensure_directory());
  LockInfo info{random_hex(8), current_actor(), current_host(), static_cast<long>(::getpid()),
                operation, now_rfc3339(), ""};
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto created = try_create_lock(info);
    if (!created) {
      return tl::unexpected(created.error());
    }
    if (*created) {
      ROSTERFORM_TRY(recover_leftovers(info));
      return info;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      auto holder = lock_holder();
      if (!holder) {
        return tl::unexpected(holder.error());
      }
      if (!*holder) {
        continue;  // released meanwhile: try again at once
      }
      if (!(*holder)->id.empty()) {
        return engine::fail(locked_message(m_path, lock_path(), **holder));
      }
      bool just_now = false;
      std::string modified = modified_at(lock_path(), just_now);
      if (!just_now) {  // else: a run is writing its record; wait for it
        return engine::fail(no_holder_message(lock_path(), m_path, modified));
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

engine::Result<std::optional<LockInfo>> LocalBackend::lock_holder() {
  if (!fs::exists(lock_path())) {
    return std::optional<LockInfo>();
  }
  auto text = read_file(lock_path());
  if (!text) {
    return tl::unexpected(text.error());
  }
  return std::optional<LockInfo>(decode_lock(*text));
}

engine::Status LocalBackend::unlock(const LockInfo& held) {
  auto holder = lock_holder();
  if (!holder) {
    return tl::unexpected(holder.error());
  }
  if (!*holder || (*holder)->id != held.id) {
    return engine::fail(lock_not_held_message(held.id));
  }
  ::unlink(lock_path().c_str());
  return {};
}

engine::Status LocalBackend::force_unlock(const std::string& id) {
  auto holder = lock_holder();
  if (!holder) {
    return tl::unexpected(holder.error());
  }
  if (!*holder) {
    return engine::fail(not_locked_message(location()));
  }
  if ((*holder)->id.empty() && id != k_no_holder_id) {
    bool just_now = false;
    return engine::fail(no_holder_message(lock_path(), m_path, modified_at(lock_path(), just_now)));
  }
  if (!(*holder)->id.empty() && (*holder)->id != id) {
    return engine::fail(lock_id_mismatch_message(id, m_path, **holder));
  }
  ::unlink(lock_path().c_str());
  return {};
}

engine::Result<bool> LocalBackend::state_exists() {
  return fs::exists(m_path) || fs::exists(journal_path());
}

std::string LocalBackend::location() const { return "the state " + m_path; }

engine::Status LocalBackend::append_audit(AuditEntry entry) {
  if (m_audit_log_path.empty()) {
    return engine::fail("no audit log is configured for " + location());
  }
  return AuditLog(m_audit_log_path).append(std::move(entry));
}

engine::Result<AuditVerification> LocalBackend::verify_audit() {
  if (m_audit_log_path.empty()) {
    return engine::fail("no audit log is configured for " + location());
  }
  return AuditLog(m_audit_log_path).verify();
}

engine::Status LocalBackend::import_audit(const std::vector<std::string>& lines) {
  if (m_audit_log_path.empty()) {
    return engine::fail("no audit log is configured for " + location());
  }
  if (fs::exists(m_audit_log_path) && fs::file_size(m_audit_log_path) > 0) {
    return engine::fail(fmt::format("cannot take over an audit log: {} is not empty",
                                    m_audit_log_path));
  }
  std::vector<std::string_view> views(lines.begin(), lines.end());
  ROSTERFORM_TRY(verify_chain(views, [](std::size_t n) { return fmt::format("audit line {}", n); }));
  ROSTERFORM_TRY(ensure_directory());
  std::string text;
  for (const std::string& line : lines) {
    text += line;
    text += '\n';
  }
  return write_private_file_atomic(m_audit_log_path, text);
}

engine::Result<std::vector<std::string>> LocalBackend::export_audit() {
  std::vector<std::string> lines;
  if (m_audit_log_path.empty() || !fs::exists(m_audit_log_path)) {
    return lines;
  }
  auto text = read_file(m_audit_log_path);
  if (!text) {
    return tl::unexpected(text.error());
  }
  std::string_view rest(*text);
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    lines.emplace_back(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return lines;
}

engine::Result<std::string> LocalBackend::set_aside_migrated(const std::string& stamp) {
  fs::path folder = fs::path(m_path).parent_path();
  std::error_code ec;
  if (folder.filename() == ".rosterform") {
    fs::path aside = folder;
    aside += ".migrated-" + stamp;
    fs::rename(folder, aside, ec);
    if (ec) {
      return engine::fail(fmt::format("cannot rename {} to {}: {}", folder.string(), aside.string(),
                                      ec.message()));
    }
    return aside.string();
  }
  for (const std::string& file : {m_path, journal_path(), m_audit_log_path}) {
    if (!file.empty() && fs::exists(file)) {
      fs::rename(file, file + ".migrated-" + stamp, ec);
      if (ec) {
        return engine::fail(fmt::format("cannot rename {}: {}", file, ec.message()));
      }
    }
  }
  return m_path + ".migrated-" + stamp;
}

}  // namespace rosterform::state
