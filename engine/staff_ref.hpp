#pragma once
// A reference to a staff member, as a client's `provider` field and a
// deactivation's receiver (Mutation::receiver) carry it: the member's email,
// which is what a roster writes and what the provider reports for a member it
// can see, or the member's Healthie user id, when the provider could not name
// them (the key cannot see them as staff).
//
// Records hold field values as text (engine/record.hpp), so a reference
// travels as text too: the email as is, or "id:" followed by the id. This
// type is the one place that text is read and written; everything else asks
// it what a reference names.
//
// Like std::string_view, a StaffRef views the text it was made from and must
// not outlive it: references are parsed a million times per plan (every
// client's provider), so parsing allocates nothing.

#include <string>
#include <string_view>

namespace rosterform::engine {

class StaffRef {
 public:
  enum class Kind { email, healthie_id };

  [[nodiscard]] static StaffRef email(std::string_view address) { return {Kind::email, address}; }
  [[nodiscard]] static StaffRef healthie_id(std::string_view user_id) {
    return {Kind::healthie_id, user_id};
  }
  // A field value: "id:<n>" is a Healthie id, anything else an email.
  [[nodiscard]] static StaffRef parse(std::string_view text);

  [[nodiscard]] Kind kind() const { return m_kind; }
  [[nodiscard]] bool is_email() const { return m_kind == Kind::email; }
  [[nodiscard]] bool is_healthie_id() const { return m_kind == Kind::healthie_id; }
  // The email, or the Healthie user id, without the "id:".
  [[nodiscard]] std::string_view value() const { return m_value; }
  // The field value: what parse() reads back as this reference.
  [[nodiscard]] std::string text() const;

  // The same reference: emails compare without case (as email fields do),
  // ids exactly; an email and an id never compare equal, even when they
  // name the same member (only a staff directory knows that).
  friend bool operator==(const StaffRef& a, const StaffRef& b);

 private:
  StaffRef(Kind kind, std::string_view value) : m_kind(kind), m_value(value) {}

  Kind m_kind;
  std::string_view m_value;
};

}  // namespace rosterform::engine
