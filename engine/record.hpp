#pragma once
// A person's managed fields, as plain strings keyed by FieldId.
//
// Rosters reach a million records in the benchmarks, and a plan holds two
// records per person (desired and current), so a record's size decides the
// plan's memory. A record is therefore one heap block, allocated once:
//
//   [n] [id_0 .. id_n-1] [end_0 .. end_n-1 as uint32] [value bytes ...]
//
// with the ids sorted. Values are read back as string_views into the block;
// the Record object itself is a single pointer. Only the fields a roster
// names are present; an absent field is unmanaged and the diff leaves it
// alone. Booleans are "true"/"false".
//
// `set` and `erase` rebuild the block, which is fine for a handful of
// fields; code that assembles many records (the loader, the provider's
// decoder) fills a reusable RecordBuilder and calls `build()` once.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/resource_schema.hpp"

namespace rosterform::engine {

struct FieldValue {
  FieldId id;
  std::string_view value;
};

class Record {
 public:
  // The fields in FieldId order, as (id, value) pairs viewing the record.
  class Fields {
   public:
    class Iterator {
     public:
      using iterator_category = std::forward_iterator_tag;
      using value_type = FieldValue;
      using difference_type = std::ptrdiff_t;
      using pointer = void;
      using reference = FieldValue;

      Iterator() = default;
      Iterator(const std::uint8_t* block, std::size_t i) : m_block(block), m_i(i) {}
      FieldValue operator*() const;
      Iterator& operator++() {
        ++m_i;
        return *this;
      }
      Iterator operator++(int) {
        Iterator old = *this;
        ++m_i;
        return old;
      }
      friend bool operator==(const Iterator& a, const Iterator& b) { return a.m_i == b.m_i; }

     private:
      // The block itself, so an iterator outlives the Fields it came from.
      const std::uint8_t* m_block = nullptr;
      std::size_t m_i = 0;
    };

    explicit Fields(const std::uint8_t* block) : m_block(block) {}
    [[nodiscard]] std::size_t size() const { return m_block == nullptr ? 0 : m_block[0]; }
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] FieldValue operator[](std::size_t i) const;
    [[nodiscard]] FieldValue back() const { return (*this)[size() - 1]; }
    [[nodiscard]] Iterator begin() const { return {m_block, 0}; }
    [[nodiscard]] Iterator end() const { return {m_block, size()}; }

   private:
    const std::uint8_t* m_block;
  };

  Record() = default;
  Record(const Record& other);
  Record& operator=(const Record& other);
  Record(Record&&) noexcept = default;
  Record& operator=(Record&&) noexcept = default;
  ~Record() = default;

  void set(FieldId id, std::string_view value);
  void erase(FieldId id);
  // Sets every field of `newer`, keeping the fields only this record has.
  void update(const Record& newer);
  // nullopt when the field is absent.
  [[nodiscard]] std::optional<std::string_view> get(FieldId id) const;
  [[nodiscard]] bool has(FieldId id) const { return get(id).has_value(); }
  // The value, or "" when the field is absent or the schema has no such
  // field (`id` empty): for identity fields, where absent and empty agree.
  [[nodiscard]] std::string_view value_or_empty(std::optional<FieldId> id) const {
    return id ? get(*id).value_or(std::string_view()) : std::string_view();
  }
  [[nodiscard]] std::size_t size() const { return fields().size(); }
  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] Fields fields() const { return Fields(m_block.get()); }
  // Bytes on the heap, for benchmarks.
  [[nodiscard]] std::size_t heap_bytes() const;

  friend bool operator==(const Record& a, const Record& b);

 private:
  friend class RecordBuilder;
  std::unique_ptr<std::uint8_t[]> m_block;
};

// Collects fields in any order, then packs them into a Record. Reusable:
// `clear` keeps its capacity, so a loader allocates per record only once.
class RecordBuilder {
 public:
  RecordBuilder() = default;
  explicit RecordBuilder(const Record& from);

  void set(FieldId id, std::string_view value);
  void erase(FieldId id);
  [[nodiscard]] std::optional<std::string_view> get(FieldId id) const;
  [[nodiscard]] bool has(FieldId id) const { return get(id).has_value(); }
  [[nodiscard]] bool empty() const { return m_fields.empty(); }
  void clear() { m_fields.clear(); }
  // Sorted by FieldId.
  [[nodiscard]] const std::vector<std::pair<FieldId, std::string>>& fields() const {
    return m_fields;
  }
  [[nodiscard]] Record build() const;

 private:
  std::vector<std::pair<FieldId, std::string>> m_fields;
};

}  // namespace rosterform::engine
