// Baseline clients: usersCount per status, then every offset page of both
// statuses at once. Asking for active and archived separately makes the read
// complete whatever the server's default for active_status is (api-facts
// §12.5). The list ends at a short page, never at the count; a page shorter
// than the count promised, a page that failed after its retries, a
// duplicate id or a total that does not match the counts aborts the read.
#include <algorithm>
#include <deque>
#include <map>
#include <string>

#include <fmt/format.h>

#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/fetch.hpp"
#include "providers/healthie/json_text.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

struct Counts {
  long long all = 0;  // without active_status: the server's default
  long long active = 0;
  long long archived = 0;
};

constexpr long long k_max_clients = 50'000'000;

engine::Result<Counts> read_counts(Executor& exec) {
  engine::Result<Counts> out = engine::fail("reading clients: the count was not answered");
  exec.enqueue(baseline_client_counts(), "{}", [&](Classified c) {
    if (c.kind != ResponseKind::ok) {
      out = engine::fail(call_failure("reading client counts (usersCount)", c));
      return;
    }
    element data = c.json->root["data"].value_unsafe();
    auto all = int_member(data, "all");
    auto active = int_member(data, "active");
    auto archived = int_member(data, "archived");
    if (!all || !active || !archived) {
      out = engine::fail("reading client counts: usersCount returned no number");
      return;
    }
    // Pages are planned from the counts, so an absurd count must not become
    // billions of page tasks (found by fuzz_response_decoder).
    for (long long n : {*all, *active, *archived}) {
      if (n < 0 || n > k_max_clients) {
        out = engine::fail(fmt::format(
            "incomplete read: usersCount returned {}, which is negative or beyond the {} clients "
            "rosterform reads; nothing was planned; run again",
            n, k_max_clients));
        return;
      }
    }
    out = Counts{*all, *active, *archived};
  });
  ROSTERFORM_TRY(exec.run());
  return out;
}

struct PageTask {
  std::string status;  // "active", "archived", or "all" (no active_status)
  long long offset = 0;
  long long expected = 0;  // from the count: fewer means clients were missed
  std::vector<engine::RemoteUser> users;
};

std::string page_name(const PageTask& t) {
  return "reading clients (" + t.status + ", offset " + std::to_string(t.offset) + ")";
}

engine::Status decode_page(const Classified& c, const StaffEmails& staff, long long size,
                           PageTask& task) {
  if (c.kind != ResponseKind::ok)
    return engine::fail(call_failure(page_name(task), c));
  element list;
  if (!data_field(*c.json, "users", list) || !list.is_array())
    return engine::fail(page_name(task) + ": the response has no users list");
  for (element u : list.get_array()) {
    engine::RemoteUser user;
    if (!decode_client(u, staff, user))
      return engine::fail(page_name(task) + ": a user without id");
    task.users.push_back(std::move(user));
  }
  auto got = static_cast<long long>(task.users.size());
  if (got < task.expected || got > size) {
    std::string what = got > size ? " clients, more than the page size of " + std::to_string(size)
                                  : " of " + std::to_string(task.expected) + " clients";
    return engine::fail("incomplete read: " + page_name(task) + " returned " + std::to_string(got) +
                        what + "; nothing was planned; run again");
  }
  return {};
}

// The pages of every part go out at once, planned from the counts plus one
// page past them: the list ends only at a short (or empty) page, so a count
// one short at a page boundary cannot hide the last client. A full last
// page asks for the next one, however wrong the count was.
class OffsetReader {
 public:
  OffsetReader(Executor& exec, const StaffEmails& staff, int size)
      : m_exec(exec), m_staff(staff), m_size(size) {}

  void plan(const std::string& status, long long total) {
    for (long long offset = 0; offset <= total; offset += m_size)
      request(status, offset, std::clamp<long long>(total - offset, 0, m_size));
  }
  engine::Status run() { return m_exec.run(); }
  std::deque<PageTask>& pages() { return m_pages; }

 private:
  void request(const std::string& status, long long offset, long long expected) {
    std::size_t i = m_pages.size();
    m_pages.push_back({status, offset, expected, {}});
    m_last[status] = offset;
    JsonObject vars;
    if (status == "all")
      vars.null("status");
    else
      vars.string("status", status);
    vars.integer("offset", offset).integer("size", m_size);
    m_exec.enqueue(baseline_client_page(), vars.str(), [this, i](Classified c) { on_page(c, i); });
  }

  void on_page(const Classified& c, std::size_t i) {
    PageTask& task = m_pages[i];
    auto ok = decode_page(c, m_staff, m_size, task);
    if (!ok)
      return m_exec.abort(ok.error());
    m_exec.note_page(task.users.size());
    bool full = static_cast<long long>(task.users.size()) == m_size;
    if (full && m_last[task.status] == task.offset)
      request(task.status, task.offset + m_size, 0);
  }

  Executor& m_exec;
  const StaffEmails& m_staff;
  long long m_size;
  std::deque<PageTask> m_pages;             // stable: callbacks hold indexes
  std::map<std::string, long long> m_last;  // highest offset asked, per part
};

}  // namespace

engine::Result<std::vector<engine::RemoteUser>> fetch_clients_offsets(Executor& exec,
                                                                      const StaffEmails& staff) {
  auto counts = read_counts(exec);
  if (!counts)
    return tl::unexpected(counts.error());
  exec.set_phase_total(static_cast<std::uint64_t>(counts->active + counts->archived));
  // When the server's default already lists both statuses, one unfiltered
  // sequence of pages is enough (and cheaper for the server); otherwise each
  // status is read on its own.
  std::vector<std::pair<std::string, long long>> parts = {{"active", counts->active},
                                                          {"archived", counts->archived}};
  if (counts->all == counts->active + counts->archived)
    parts = {{"all", counts->all}};
  OffsetReader reader(exec, staff, page_size_for(client_node_cost(ApiShape::baseline), 10));
  for (const auto& [status, total] : parts)
    reader.plan(status, total);
  ROSTERFORM_TRY(reader.run());
  std::vector<engine::RemoteUser> clients;
  clients.reserve(static_cast<std::size_t>(counts->active + counts->archived));
  for (PageTask& page : reader.pages())
    for (auto& u : page.users)
      clients.push_back(std::move(u));
  ROSTERFORM_TRY(check_unique(clients, "client"));
  auto expected = static_cast<std::size_t>(counts->active + counts->archived);
  if (clients.size() != expected) {
    return engine::fail("incomplete read: usersCount says " + std::to_string(expected) +
                        " clients but " + std::to_string(clients.size()) +
                        " were read; nothing was planned; run again");
  }
  return clients;
}

}  // namespace rosterform::healthie
