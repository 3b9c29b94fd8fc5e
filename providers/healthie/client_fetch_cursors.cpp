// 2026-01-01 clients: cursor connections, which cannot jump to an offset.
// To read in parallel anyway, the clients are split into streams that can be
// read side by side: one per (provider, status) when the per-provider counts
// add up to the status total (every client has a visible provider), else one
// per status. Each stream follows its own cursor; segments of different
// streams are packed into one request up to the page size, so the request
// count stays at the minimum while many streams advance at once. Each
// stream stops only when the server says it ended; CursorGuard refuses a
// stream that does not advance.
#include <string>

#include "providers/healthie/call_errors.hpp"
#include "providers/healthie/cursor_guard.hpp"
#include "providers/healthie/fetch.hpp"
#include "providers/healthie/json_text.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

constexpr std::size_t k_counts_per_request = 300;  // aliases cost ~2 each
constexpr std::size_t k_segments_per_request = 20;

struct Stream {
  std::optional<std::string> provider;  // nullopt: every client of the status
  std::string status;
  long long expected = 0;
  CursorGuard guard{""};
  bool busy = false;
  bool done = false;
  std::vector<engine::RemoteUser> users;
};

struct Segment {
  std::size_t stream = 0;
  long long first = 0;
};

JsonObject& stream_vars(JsonObject& vars, std::size_t i, const Stream& s) {
  return vars.optional_string(numbered("p", i), s.provider).string(numbered("a", i), s.status);
}

// Asks every stream's size in a few aliased requests.
engine::Status count_streams(Executor& exec, std::vector<Stream>& streams) {
  engine::Status status;
  for (std::size_t start = 0; start < streams.size(); start += k_counts_per_request) {
    std::size_t n = std::min(k_counts_per_request, streams.size() - start);
    JsonObject vars;
    for (std::size_t i = 0; i < n; ++i)
      stream_vars(vars, i, streams[start + i]);
    exec.enqueue(connection_counts(n), vars.str(), [&, start, n](Classified c) {
      if (c.kind != ResponseKind::ok) {
        status = engine::fail(call_failure("reading client counts (users total_count)", c));
        exec.abort(status.error());
        return;
      }
      for (std::size_t i = 0; i < n; ++i) {
        element conn;
        auto total = data_field(*c.json, numbered("s", i), conn) ? int_member(conn, "total_count")
                                                                 : std::nullopt;
        if (!total) {
          status = engine::fail("reading client counts: a users connection without total_count");
          exec.abort(status.error());
          return;
        }
        streams[start + i].expected = *total;
      }
    });
  }
  ROSTERFORM_TRY(exec.run());
  return status;
}

// Keeps, per status, either the provider streams (when they cover the
// status total exactly) or the single all-clients stream.
std::vector<Stream> choose_streams(std::vector<Stream> all, long long& expected_total) {
  std::vector<Stream> out;
  expected_total = 0;
  for (std::string_view status : {"active", "archived"}) {
    long long total = 0;
    long long by_provider = 0;
    for (const Stream& s : all) {
      if (s.status != status)
        continue;
      (s.provider ? by_provider : total) += s.expected;
    }
    expected_total += total;
    bool split = by_provider == total;
    for (Stream& s : all) {
      if (s.status == status && s.provider.has_value() == split && s.expected > 0)
        out.push_back(std::move(s));
    }
  }
  return out;
}

class CursorReader {
 public:
  CursorReader(Executor& exec, const StaffEmails& emails, std::vector<Stream> streams, int page,
               int parallelism)
      : m_exec(exec),
        m_emails(emails),
        m_streams(std::move(streams)),
        m_page(page),
        m_parallelism(parallelism) {}

  engine::Status run() {
    pump();
    ROSTERFORM_TRY(m_exec.run());
    return m_status;
  }
  std::vector<Stream>& streams() { return m_streams; }

 private:
  void pump();
  void send(std::vector<Segment> segments);
  void on_answer(const Classified& c, const std::vector<Segment>& segments);
  engine::Status take(element conn, Stream& s);
  void fail(engine::Error e) {
    if (m_status)
      m_status = tl::unexpected(e);
    m_exec.abort(std::move(e));
  }

  Executor& m_exec;
  const StaffEmails& m_emails;
  std::vector<Stream> m_streams;
  int m_page;
  int m_parallelism;
  int m_outstanding = 0;
  std::vector<Segment> m_pack;
  long long m_pack_size = 0;
  engine::Status m_status;
};

// A partly filled request waits for more segments while enough requests are
// in flight to keep the window busy; it goes out as soon as that is no
// longer so, so the tail of the read is never held back.
void CursorReader::pump() {
  for (std::size_t i = 0; i < m_streams.size(); ++i) {
    Stream& s = m_streams[i];
    if (s.busy || s.done)
      continue;
    long long want = std::max<long long>(s.expected - s.guard.read(), 1);
    long long k = std::min<long long>(want, m_page - m_pack_size);
    s.busy = true;
    m_pack.push_back({i, k});
    m_pack_size += k;
    if (m_pack_size >= m_page || m_pack.size() >= k_segments_per_request) {
      send(std::move(m_pack));
      m_pack.clear();
      m_pack_size = 0;
    }
  }
  if (!m_pack.empty() && m_outstanding < m_parallelism) {
    send(std::move(m_pack));
    m_pack.clear();
    m_pack_size = 0;
  }
}

void CursorReader::send(std::vector<Segment> segments) {
  JsonObject vars;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Stream& s = m_streams[segments[i].stream];
    stream_vars(vars, i, s)
        .integer(numbered("f", i), segments[i].first)
        .optional_string(numbered("c", i), s.guard.cursor());
  }
  ++m_outstanding;
  std::size_t count = segments.size();
  m_exec.enqueue(connection_segments(count), vars.str(),
                 [this, segs = std::move(segments)](Classified c) { on_answer(c, segs); });
}

void CursorReader::on_answer(const Classified& c, const std::vector<Segment>& segments) {
  --m_outstanding;
  if (c.kind != ResponseKind::ok)
    return fail(engine::Error(call_failure("reading clients", c)));
  for (std::size_t i = 0; i < segments.size(); ++i) {
    Stream& s = m_streams[segments[i].stream];
    element conn;
    if (!data_field(*c.json, numbered("s", i), conn) || !conn.is_object())
      return fail(engine::Error("reading clients: the response lacks a users connection"));
    auto ok = take(conn, s);
    if (!ok)
      return fail(ok.error());
    s.busy = false;
  }
  pump();
}

engine::Status CursorReader::take(element conn, Stream& s) {
  element nodes;
  element info;
  auto total = int_member(conn, "total_count");
  if (!total || conn["nodes"].get(nodes) != simdjson::SUCCESS || !nodes.is_array() ||
      conn["page_info"].get(info) != simdjson::SUCCESS)
    return engine::fail(
        "reading clients: a users connection without nodes, page_info or total_count");
  long long got = 0;
  for (element u : nodes.get_array()) {
    engine::RemoteUser user;
    if (!decode_client(u, m_emails, user))
      return engine::fail("reading clients: a user without id");
    s.users.push_back(std::move(user));
    ++got;
  }
  m_exec.note_page(static_cast<std::size_t>(got));
  s.expected = *total;
  auto more = s.guard.next({got, *total, bool_member(info, "has_next_page").value_or(false),
                            string_member(info, "end_cursor")});
  if (!more)
    return tl::unexpected(more.error());
  if (!*more) {
    s.done = true;
    if (s.guard.read() != s.expected) {
      return engine::fail("incomplete read: a " + s.status + " client stream read " +
                          std::to_string(s.guard.read()) + " of total_count " +
                          std::to_string(s.expected) + "; nothing was planned; run again");
    }
  }
  return {};
}

}  // namespace

engine::Result<std::vector<engine::RemoteUser>> fetch_clients_cursors(
    Executor& exec, const std::vector<engine::RemoteUser>& staff, const StaffEmails& emails) {
  std::vector<Stream> all;
  for (const char* status : {"active", "archived"}) {
    Stream every;
    every.status = status;
    every.guard = CursorGuard("reading " + std::string(status) + " clients");
    all.push_back(every);
    for (const engine::RemoteUser& member : staff) {
      Stream one = every;
      one.provider = member.user_id;
      one.guard = CursorGuard("reading " + std::string(status) +
                              " clients of provider id:" + member.user_id);
      all.push_back(std::move(one));
    }
  }
  ROSTERFORM_TRY(count_streams(exec, all));
  long long expected = 0;
  std::vector<Stream> chosen = choose_streams(std::move(all), expected);
  exec.set_phase_total(static_cast<std::uint64_t>(expected));
  CursorReader reader(exec, emails, std::move(chosen),
                      page_size_for(client_node_cost(ApiShape::connections), 120),
                      exec.parallelism());
  ROSTERFORM_TRY(reader.run());
  std::vector<engine::RemoteUser> clients;
  clients.reserve(static_cast<std::size_t>(expected));
  for (Stream& s : reader.streams())
    for (auto& u : s.users)
      clients.push_back(std::move(u));
  ROSTERFORM_TRY(check_unique(clients, "client"));
  if (static_cast<long long>(clients.size()) != expected) {
    return engine::fail("incomplete read: total_count says " + std::to_string(expected) +
                        " clients but " + std::to_string(clients.size()) +
                        " were read; nothing was planned; run again");
  }
  return clients;
}

}  // namespace rosterform::healthie
