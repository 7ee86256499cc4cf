// Deliberate damage to a closed database file, for recovery and integrity tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace vsk::test_support {

// Zeroes the middle third of the file, page-aligned: SQLite's quick_check then fails.
inline void zero_middle(const std::string& path) {
  const auto size = std::filesystem::file_size(path);
  const std::uintmax_t page = 4096, from = (size / 3) / page * page, to = (2 * size / 3) / page * page;
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(from));
  const std::string zeros(static_cast<std::size_t>(to - from), '\0');
  f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
}

}  // namespace vsk::test_support
