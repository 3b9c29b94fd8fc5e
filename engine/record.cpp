#include "engine/record.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace rosterform::engine {

namespace {

// Block layout (see record.hpp): count, ids, uint32 end offsets, bytes.
std::size_t ends_at(std::size_t n) {
  return 1 + n;
}
std::size_t data_at(std::size_t n) {
  return 1 + n + 4 * n;
}

std::uint32_t load_end(const std::uint8_t* block, std::size_t i) {
  std::uint32_t end = 0;
  std::memcpy(&end, block + ends_at(block[0]) + 4 * i, sizeof end);
  return end;
}

FieldValue read_at(const std::uint8_t* block, std::size_t i) {
  std::size_t n = block[0];
  std::uint32_t begin = i == 0 ? 0 : load_end(block, i - 1);
  std::uint32_t end = load_end(block, i);
  const char* data = reinterpret_cast<const char*>(block + data_at(n));
  return {block[1 + i], std::string_view(data + begin, end - begin)};
}

std::size_t block_size(const std::uint8_t* block) {
  if (block == nullptr) {
    return 0;
  }
  std::size_t n = block[0];
  return data_at(n) + (n == 0 ? 0 : load_end(block, n - 1));
}

// Packs sorted, unique (id, value) pairs; an empty list is no block at all.
template <typename Pairs>
std::unique_ptr<std::uint8_t[]> pack(const Pairs& fields) {
  std::size_t n = fields.size();
  if (n == 0) {
    return nullptr;
  }
  if (n > std::numeric_limits<std::uint8_t>::max()) {
    throw std::length_error("a record holds at most 255 fields");
  }
  std::size_t bytes = 0;
  for (const auto& [id, value] : fields) {
    bytes += value.size();
  }
  if (bytes > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("a record's values exceed 4 GiB");
  }
  auto block = std::make_unique_for_overwrite<std::uint8_t[]>(data_at(n) + bytes);
  block[0] = static_cast<std::uint8_t>(n);
  std::uint32_t end = 0;
  std::size_t i = 0;
  for (const auto& [id, value] : fields) {
    block[1 + i] = id;
    std::memcpy(block.get() + data_at(n) + end, value.data(), value.size());
    end += static_cast<std::uint32_t>(value.size());
    std::memcpy(block.get() + ends_at(n) + 4 * i, &end, sizeof end);
    ++i;
  }
  return block;
}

}  // namespace

FieldValue Record::Fields::Iterator::operator*() const {
  return read_at(m_block, m_i);
}

FieldValue Record::Fields::operator[](std::size_t i) const {
  return read_at(m_block, i);
}

Record::Record(const Record& other) {
  std::size_t size = block_size(other.m_block.get());
  if (size != 0) {
    m_block = std::make_unique_for_overwrite<std::uint8_t[]>(size);
    std::memcpy(m_block.get(), other.m_block.get(), size);
  }
}

Record& Record::operator=(const Record& other) {
  if (this != &other) {
    Record copy(other);
    m_block = std::move(copy.m_block);
  }
  return *this;
}

std::optional<std::string_view> Record::get(FieldId id) const {
  const std::uint8_t* block = m_block.get();
  if (block == nullptr) {
    return std::nullopt;
  }
  const std::uint8_t* ids = block + 1;
  const std::uint8_t* found = std::lower_bound(ids, ids + block[0], id);
  if (found == ids + block[0] || *found != id) {
    return std::nullopt;
  }
  return read_at(block, static_cast<std::size_t>(found - ids)).value;
}

// Rebuilding through a builder copies the values out of the old block
// first, so `value` may view this very record.
void Record::set(FieldId id, std::string_view value) {
  RecordBuilder b(*this);
  b.set(id, value);
  *this = b.build();
}

void Record::erase(FieldId id) {
  if (has(id)) {
    RecordBuilder b(*this);
    b.erase(id);
    *this = b.build();
  }
}

void Record::update(const Record& newer) {
  RecordBuilder b(*this);
  for (const auto& [id, value] : newer.fields()) {
    b.set(id, value);
  }
  *this = b.build();
}

std::size_t Record::heap_bytes() const {
  return block_size(m_block.get());
}

bool operator==(const Record& a, const Record& b) {
  std::size_t size = block_size(a.m_block.get());
  return size == block_size(b.m_block.get()) &&
         (size == 0 || std::memcmp(a.m_block.get(), b.m_block.get(), size) == 0);
}

namespace {
auto lower(std::vector<std::pair<FieldId, std::string>>& v, FieldId id) {
  return std::lower_bound(v.begin(), v.end(), id,
                          [](const auto& entry, FieldId key) { return entry.first < key; });
}
}  // namespace

RecordBuilder::RecordBuilder(const Record& from) {
  m_fields.reserve(from.size());
  for (const auto& [id, value] : from.fields()) {
    m_fields.emplace_back(id, std::string(value));
  }
}

void RecordBuilder::set(FieldId id, std::string_view value) {
  auto it = lower(m_fields, id);
  if (it != m_fields.end() && it->first == id) {
    it->second.assign(value);
  } else {
    m_fields.emplace(it, id, std::string(value));
  }
}

void RecordBuilder::erase(FieldId id) {
  auto it = lower(m_fields, id);
  if (it != m_fields.end() && it->first == id) {
    m_fields.erase(it);
  }
}

std::optional<std::string_view> RecordBuilder::get(FieldId id) const {
  auto it = std::lower_bound(m_fields.begin(), m_fields.end(), id,
                             [](const auto& entry, FieldId key) { return entry.first < key; });
  if (it != m_fields.end() && it->first == id) {
    return std::string_view(it->second);
  }
  return std::nullopt;
}

Record RecordBuilder::build() const {
  Record r;
  r.m_block = pack(m_fields);
  return r;
}

}  // namespace rosterform::engine
