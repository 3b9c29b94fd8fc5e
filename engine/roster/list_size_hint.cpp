#include "engine/roster/list_size_hint.hpp"

#include <fstream>
#include <string>
#include <string_view>

namespace rosterform::engine::roster {

ListSizeHint scan_list_sizes(const std::filesystem::path& path) {
  ListSizeHint hint;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::size_t* counter = nullptr;  // the section being counted, if any
  std::size_t item_indent = std::string::npos;
  while (std::getline(in, line)) {
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos || line[indent] == '#') {
      continue;
    }
    if (indent == 0 && line[0] != '-') {
      const std::string_view text(line);
      hint.defaults = hint.defaults || text.starts_with("defaults:");
      counter = text.starts_with("staff:")     ? &hint.staff
                : text.starts_with("clients:") ? &hint.clients
                                               : nullptr;
      item_indent = std::string::npos;
      continue;
    }
    const bool item = line[indent] == '-' && (indent + 1 == line.size() || line[indent + 1] == ' ');
    if (counter == nullptr || !item) {
      continue;
    }
    if (item_indent == std::string::npos) {
      item_indent = indent;
    }
    if (indent == item_indent) {
      ++*counter;
    }
  }
  return hint;
}

}  // namespace rosterform::engine::roster
