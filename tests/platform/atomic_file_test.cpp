#include "files/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "support/temp_dir.h"

namespace vsk {
namespace {

namespace fs = std::filesystem;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::size_t entries(const std::string& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(AtomicFile, ReplacesTheFileWholeAndLeavesNoTemporary) {
  test_support::TempDir dir;
  std::ofstream(dir.file("doc.json")) << "old";
  platform::write_file_atomically(dir.file("doc.json"), "new contents");
  EXPECT_EQ(read_all(dir.file("doc.json")), "new contents");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, CreatesMissingDirectoriesAndAppliesTheMode) {
  test_support::TempDir dir;
  const std::string path = dir.file("a/b/key");
  platform::write_file_atomically(path, "secret", {.mode = 0600});
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(read_all(path), "secret");
}

TEST(AtomicFile, NoReplaceRefusesAnExistingFileAndKeepsIt) {
  test_support::TempDir dir;
  std::ofstream(dir.file("r.png")) << "first";
  try {
    platform::write_file_atomically(dir.file("r.png"), "second", {.replace = false});
    FAIL() << "an existing file was replaced";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code().value(), EEXIST);
  }
  EXPECT_EQ(read_all(dir.file("r.png")), "first");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, AFailedRenameLeavesTheTargetAndNoTemporary) {
  test_support::TempDir dir;
  fs::create_directories(dir.file("target/inside"));  // a non-empty directory cannot be renamed over
  EXPECT_THROW(platform::write_file_atomically(dir.file("target"), "x"), std::system_error);
  EXPECT_TRUE(fs::is_directory(dir.file("target/inside")));
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, CopyStreamsTheSourceIntoPlace) {
  test_support::TempDir dir;
  const std::string big(300 * 1024, 'z');  // several copy blocks
  std::ofstream(dir.file("src"), std::ios::binary) << big;
  std::ofstream(dir.file("dst")) << "old";
  platform::copy_file_atomically(dir.file("src"), dir.file("dst"));
  EXPECT_EQ(read_all(dir.file("dst")), big);
  EXPECT_EQ(entries(dir.path()), 2u);
  EXPECT_THROW(platform::copy_file_atomically(dir.file("missing"), dir.file("dst")), std::system_error);
  EXPECT_EQ(read_all(dir.file("dst")), big);
}

}  // namespace
}  // namespace vsk
