// The bytes of a database file as a thief with a copy would see them: the file itself and,
// when present, its -wal. For tests that prove personal data is not stored in plaintext.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace vsk::test_support {

inline std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "<db>" + "<db>-wal" (if it exists) concatenated, with a separator that matches nothing.
inline std::string database_bytes(const std::string& db_path) {
  std::string out = read_file_bytes(db_path);
  if (std::filesystem::exists(db_path + "-wal")) out += std::string(64, '\xff') + read_file_bytes(db_path + "-wal");
  return out;
}

}  // namespace vsk::test_support
