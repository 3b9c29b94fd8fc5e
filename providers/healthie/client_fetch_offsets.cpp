// Baseline clients: usersCount per status, then every offset page of both
// statuses at once. Asking for active and archived separately makes the read
// complete whatever the server's default for active_status is (api-facts
// §12.5). A short page, a page that failed after its retries, a duplicate id
// or a total that does not match the counts aborts the read.
#include <string>

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
    out = Counts{*all, *active, *archived};
  });
  ROSTERFORM_TRY(exec.run());
  return out;
}

struct PageTask {
  std::string status;  // "active", "archived", or "all" (no active_status)
  long long offset = 0;
  long long expected = 0;
};

std::string page_name(const PageTask& t) {
  return "reading clients (" + t.status + ", offset " + std::to_string(t.offset) + ")";
}

engine::Status decode_page(const Classified& c, const PageTask& task, const StaffEmails& staff,
                           std::vector<engine::RemoteUser>& out) {
  if (c.kind != ResponseKind::ok)
    return engine::fail(call_failure(page_name(task), c));
  element list;
  if (!data_field(*c.json, "users", list) || !list.is_array())
    return engine::fail(page_name(task) + ": the response has no users list");
  for (element u : list.get_array()) {
    engine::RemoteUser user;
    if (!decode_client(u, staff, user))
      return engine::fail(page_name(task) + ": a user without id");
    out.push_back(std::move(user));
  }
  if (static_cast<long long>(out.size()) < task.expected) {
    return engine::fail("incomplete read: " + page_name(task) + " returned " +
                        std::to_string(out.size()) + " of " + std::to_string(task.expected) +
                        " clients; nothing was planned; run again");
  }
  return {};
}

}  // namespace

engine::Result<std::vector<engine::RemoteUser>> fetch_clients_offsets(Executor& exec,
                                                                      const StaffEmails& staff) {
  auto counts = read_counts(exec);
  if (!counts)
    return tl::unexpected(counts.error());
  const int size = page_size_for(client_node_cost(), 10);
  // When the server's default already lists both statuses, one unfiltered
  // sequence of pages is enough (and cheaper for the server); otherwise each
  // status is read on its own.
  std::vector<std::pair<std::string, long long>> parts = {{"active", counts->active},
                                                          {"archived", counts->archived}};
  if (counts->all == counts->active + counts->archived)
    parts = {{"all", counts->all}};
  std::vector<PageTask> tasks;
  for (const auto& [status, total] : parts) {
    for (long long offset = 0; offset < total; offset += size)
      tasks.push_back({status, offset, std::min<long long>(size, total - offset)});
  }
  std::vector<std::vector<engine::RemoteUser>> pages(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    JsonObject vars;
    if (tasks[i].status == "all")
      vars.null("status");
    else
      vars.string("status", tasks[i].status);
    vars.integer("offset", tasks[i].offset).integer("size", size);
    exec.enqueue(baseline_client_page(), vars.str(), [&, i](Classified c) {
      auto ok = decode_page(c, tasks[i], staff, pages[i]);
      if (!ok)
        exec.abort(ok.error());
    });
  }
  ROSTERFORM_TRY(exec.run());
  std::vector<engine::RemoteUser> clients;
  clients.reserve(static_cast<std::size_t>(counts->active + counts->archived));
  for (auto& page : pages)
    for (auto& u : page)
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
