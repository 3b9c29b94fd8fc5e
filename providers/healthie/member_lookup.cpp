#include "providers/healthie/member_lookup.hpp"

#include <memory>

#include "providers/healthie/cursor_guard.hpp"
#include "providers/healthie/documents.hpp"
#include "providers/healthie/fetch.hpp"
#include "providers/healthie/json_text.hpp"
#include "providers/healthie/resource_schema.hpp"
#include "providers/healthie/user_decode.hpp"

namespace rosterform::healthie {

namespace {

using simdjson::dom::element;

std::string email_of(const engine::Record& r) {
  return lower(r.value_or_empty(staff_schema().id_of("email")));
}

// One look-up in progress: it owns itself through the callbacks it enqueues.
struct MemberSearch : std::enable_shared_from_this<MemberSearch> {
  Executor& exec;
  ApiShape shape;
  std::string organization_id;
  std::string email;
  LookupDone done;
  CursorGuard guard{"looking up a staff member"};

  MemberSearch(Executor& e, ApiShape s, std::string org, std::string mail, LookupDone d)
      : exec(e),
        shape(s),
        organization_id(std::move(org)),
        email(std::move(mail)),
        done(std::move(d)) {}

  void request(const std::optional<std::string>& after) {
    exec.enqueue(staff_query(shape), staff_page_variables(shape, organization_id, after),
                 [self = shared_from_this()](Classified c) { self->on_page(c); });
  }

  void on_page(const Classified& c) {
    element list;
    if (c.kind != ResponseKind::ok)
      return done(engine::fail(std::string(to_string(c.kind))));
    if (!data_field(*c.json, "organizationMemberships", list))
      return done(engine::fail("an answer without organizationMemberships"));
    element nodes = list;
    bool paged = false;
    switch (shape) {
      case ApiShape::baseline:
        break;  // one plain list
      case ApiShape::connections:
        if (list["nodes"].get(nodes) != simdjson::SUCCESS)
          return done(engine::fail("a page without nodes"));
        paged = true;
        break;
    }
    if (!nodes.is_array())
      return done(engine::fail("organizationMemberships is not a list"));
    for (element m : nodes.get_array()) {
      engine::RemoteUser user;
      if (decode_membership(m, user) && !email.empty() && email_of(user.fields) == email)
        return done(std::optional<engine::RemoteUser>(std::move(user)));
    }
    element info;
    if (paged && list["page_info"].get(info) == simdjson::SUCCESS) {
      auto more = guard.next({static_cast<long long>(nodes.get_array().size()),
                              int_member(list, "total_count").value_or(0),
                              bool_member(info, "has_next_page").value_or(false),
                              string_member(info, "end_cursor")});
      if (!more)
        return done(tl::unexpected(more.error()));
      if (*more)
        return request(guard.cursor());
    }
    done(std::optional<engine::RemoteUser>());
  }
};

}  // namespace

Lookup member_lookup(ApiShape shape, std::string organization_id, const engine::Record& identity) {
  return [shape, org = std::move(organization_id), email = email_of(identity)](Executor& exec,
                                                                               LookupDone done) {
    auto search = std::make_shared<MemberSearch>(exec, shape, org, email, std::move(done));
    search->request(std::nullopt);
  };
}

}  // namespace rosterform::healthie
