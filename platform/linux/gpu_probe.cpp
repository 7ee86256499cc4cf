#include "linux/gpu_probe.h"

#include <filesystem>
#include <system_error>

namespace vsk::platform {

bool has_gpu_render_node(const std::string& drm_class_dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(drm_class_dir, ec)) {
    const std::string node = entry.path().filename().string();
    if (node.rfind("renderD", 0) != 0) continue;
    const std::filesystem::path driver = std::filesystem::read_symlink(entry.path() / "device" / "driver", ec);
    if (ec) continue;
    const std::string name = driver.filename().string();
    if (name != "vgem" && name != "vkms") return true;
  }
  return false;
}

}  // namespace vsk::platform
