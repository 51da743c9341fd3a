// The parts of a drill-down cell ("2024-03:all:new" → "2024-03", "all", "new").
#pragma once

#include <string_view>
#include <vector>

namespace flywheel {

// The colon-separated parts of `cell`, as views into it.
inline std::vector<std::string_view> SplitCell(std::string_view cell) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t colon = cell.find(':', start);
    parts.push_back(
        cell.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return parts;
}

}  // namespace flywheel
