// The GPU probe reads sysfs: a fake /sys/class/drm tree stands in for the machines we meet.
#include "linux/gpu_probe.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.h"

namespace fs = std::filesystem;

namespace {
// /sys/class/drm/NODE/device/driver -> .../drivers/DRIVER
void node(const fs::path& root, const std::string& name, const std::string& driver) {
  fs::create_directories(root / name / "device");
  fs::create_directories(root / "drivers" / driver);
  fs::create_symlink(root / "drivers" / driver, root / name / "device" / "driver");
}
}  // namespace

TEST(GpuProbe, NoDrmAtAllMeansSoftware) {
  vsk::test_support::TempDir dir;
  EXPECT_FALSE(vsk::platform::has_gpu_render_node(dir.path() + "/missing"));
}

TEST(GpuProbe, DisplayOnlyCardsAndVirtualRenderNodesMeanSoftware) {
  vsk::test_support::TempDir dir;
  node(dir.path(), "card0", "simpledrm");  // a framebuffer, no render node
  node(dir.path(), "renderD128", "vgem");
  EXPECT_FALSE(vsk::platform::has_gpu_render_node(dir.path()));
}

TEST(GpuProbe, ARealDriversRenderNodeMeansTryTheGpu) {
  vsk::test_support::TempDir dir;
  node(dir.path(), "card0", "i915");
  node(dir.path(), "renderD128", "i915");
  EXPECT_TRUE(vsk::platform::has_gpu_render_node(dir.path()));
}
