#include "log/log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <vector>

namespace vsk::platform {
namespace {

TEST(Log, EveryLineReachesTheSinkWithItsLevelAndComponent) {
  std::vector<log::Line> lines;
  const log::Sink old = log::set_test_sink([&](const log::Line& l) { lines.push_back(l); });
  log::error("backup", "backup failed: disk full");
  log::info("sync", "round ok");
  log::set_test_sink(old);
  log::warning("sync", "after the sink was removed");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].level, log::Level::kError);
  EXPECT_EQ(lines[0].component, "backup");
  EXPECT_EQ(lines[0].message, "backup failed: disk full");
  EXPECT_EQ(lines[1].level, log::Level::kInfo);
  EXPECT_EQ(lines[1].component, "sync");
}

TEST(Log, WithoutAJournalLinesGoToStderr) {
  struct stat st {};
  if (::stat("/run/systemd/journal/socket", &st) == 0) GTEST_SKIP() << "journald runs here: lines go to the journal";
  testing::internal::CaptureStderr();
  log::error("print", "receipt not written: No space left on device");
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("error: print: receipt not written: No space left on device"), std::string::npos) << err;
}

}  // namespace
}  // namespace vsk::platform
