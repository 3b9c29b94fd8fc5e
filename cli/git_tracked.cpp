#include "cli/git_tracked.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>

#include "cli/workspace_commit.hpp"

namespace rosterform::cli {

namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A big-endian integer of `n` bytes at `at`, or nullopt past the end.
std::optional<std::uint32_t> big_endian(const std::string& data, std::size_t at, std::size_t n) {
  if (at + n > data.size()) {
    return std::nullopt;
  }
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    v = (v << 8U) | static_cast<unsigned char>(data[at + i]);
  }
  return v;
}

// Index v4's path-prefix length: git's "offset" varint.
std::optional<std::size_t> varint(const std::string& data, std::size_t& at) {
  if (at >= data.size()) {
    return std::nullopt;
  }
  auto c = static_cast<unsigned char>(data[at++]);
  std::size_t v = c & 0x7FU;
  while ((c & 0x80U) != 0) {
    if (at >= data.size() || v > (SIZE_MAX >> 8U)) {
      return std::nullopt;
    }
    c = static_cast<unsigned char>(data[at++]);
    v = ((v + 1) << 7U) | (c & 0x7FU);
  }
  return v;
}

std::size_t hash_size(const fs::path& git_dir) {
  fs::path common = git_dir;
  std::string commondir = read_all(git_dir / "commondir");
  while (!commondir.empty() && (commondir.back() == '\n' || commondir.back() == '\r')) {
    commondir.pop_back();
  }
  if (!commondir.empty()) {
    common = fs::path(commondir).is_absolute() ? fs::path(commondir) : git_dir / commondir;
  }
  std::string config = read_all(common / "config");
  std::size_t at = config.find("objectformat");
  return at != std::string::npos && config.find("sha256", at) != std::string::npos ? 32 : 20;
}

// Walks the index entries; true when one is `name`, or a sparse
// directory entry ("dir/") above it.
bool index_has(const std::string& index, std::size_t hash_bytes, const std::string& name) {
  if (index.compare(0, 4, "DIRC") != 0) {
    return false;
  }
  auto version = big_endian(index, 4, 4);
  auto count = big_endian(index, 8, 4);
  if (!version || !count || *version < 2 || *version > 4) {
    return false;
  }
  std::size_t at = 12;
  std::string previous;
  for (std::uint32_t e = 0; e < *count; ++e) {
    std::size_t start = at;
    auto flags = big_endian(index, at + 40 + hash_bytes, 2);
    if (!flags) {
      return false;
    }
    at += 40 + hash_bytes + 2;
    if (*version >= 3 && (*flags & 0x4000U) != 0) {
      at += 2;  // extended flags
    }
    std::string entry;
    if (*version == 4) {
      auto strip = varint(index, at);
      if (!strip || *strip > previous.size()) {
        return false;
      }
      entry = previous.substr(0, previous.size() - *strip);
    }
    std::size_t end = index.find('\0', at);
    if (end == std::string::npos) {
      return false;
    }
    entry += index.substr(at, end - at);
    at = *version == 4 ? end + 1 : start + ((end - start + 8) & ~std::size_t{7});
    if (entry == name || (entry.ends_with('/') && name.starts_with(entry))) {
      return true;
    }
    previous = std::move(entry);
  }
  return false;
}

}  // namespace

bool git_tracks(const std::string& path) {
  std::error_code ec;
  fs::path file = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) {
    return false;
  }
  std::optional<GitWorkTree> tree = find_git_work_tree(file.parent_path().string());
  if (!tree) {
    return false;
  }
  fs::path top = fs::weakly_canonical(tree->top, ec);
  fs::path relative = file.lexically_relative(top);
  if (ec || relative.empty() || relative.begin()->string() == "..") {
    return false;
  }
  return index_has(read_all(tree->git_dir / "index"), hash_size(tree->git_dir),
                   relative.generic_string());
}

}  // namespace rosterform::cli
