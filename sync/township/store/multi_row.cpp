#include "sync/township/store/multi_row.h"

namespace vsk::township {

std::string values_list(int rows, int cols, int first) {
  std::string out;
  out.reserve(static_cast<std::size_t>(rows * cols * 5));
  int p = first;
  for (int r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (int c = 0; c < cols; ++c) {
      if (c) out += ", ";
      out += '$';
      out += std::to_string(p++);
    }
    out += ')';
  }
  return out;
}

std::vector<int> statement_sizes(std::size_t n) {
  static constexpr int kSizes[] = {100, 50, 20, 10, 5, 2, 1};
  std::vector<int> out;
  for (const int size : kSizes)
    for (; n >= static_cast<std::size_t>(size); n -= static_cast<std::size_t>(size)) out.push_back(size);
  return out;
}

}  // namespace vsk::township
