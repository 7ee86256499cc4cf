#include "kiosk_options.h"

#include <gtest/gtest.h>

#include <vector>

using vsk::parse_kiosk_options;

namespace {
vsk::ParsedOptions parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kiosk");
  return parse_kiosk_options(static_cast<int>(args.size()), args.data());
}
}  // namespace

TEST(KioskOptions, DefaultsToFullscreenChinese) {
  const auto p = parse({});
  EXPECT_TRUE(p.error.empty());
  EXPECT_FALSE(p.options.windowed);
  EXPECT_EQ(p.options.lang, "zh-CN");
}

TEST(KioskOptions, ReadsEveryOption) {
  const auto p = parse({"--data-dir", "/tmp/v", "--windowed", "--lang", "en", "--size", "1366x768", "--idle-timeout", "90"});
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.options.data_dir, "/tmp/v");
  EXPECT_TRUE(p.options.windowed);
  EXPECT_EQ(p.options.lang, "en");
  EXPECT_EQ(p.options.width, 1366);
  EXPECT_EQ(p.options.height, 768);
  EXPECT_EQ(p.options.idle_timeout_s, 90);
}

TEST(KioskOptions, RejectsBadValuesWithAClearError) {
  EXPECT_NE(parse({"--lang", "fr"}).error, "");
  EXPECT_NE(parse({"--size", "big"}).error, "");
  EXPECT_NE(parse({"--data-dir"}).error, "");
  EXPECT_NE(parse({"--bogus"}).error, "");
  EXPECT_NE(parse({"--script", "x"}).error, "");  // scripts need --headless
  EXPECT_NE(parse({"--idle-timeout", "1"}).error, "");
}

TEST(KioskOptions, RendererIsAutoSoftwareOrGpu) {
  EXPECT_EQ(parse({}).options.renderer, "auto");
  EXPECT_EQ(parse({"--renderer", "software"}).options.renderer, "software");
  EXPECT_EQ(parse({"--renderer", "gpu"}).options.renderer, "gpu");
  EXPECT_NE(parse({"--renderer", "opengl"}).error, "");
}
