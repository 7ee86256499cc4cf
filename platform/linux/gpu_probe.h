// Is there a GPU that could run SDL's accelerated renderer? Asked before any GL library is
// loaded: on a PC without one, loading Mesa only to learn that it would rasterise on the CPU
// (llvmpipe) costs libLLVM's ~54 MiB and ~60 ms of start-up.
#pragma once

#include <string>

namespace vsk::platform {

// True when the kernel exposes a DRM render node (/sys/class/drm/renderD*) whose driver
// submits work to real hardware: not the virtual test drivers vgem and vkms. Display-only
// drivers (simpledrm, efifb, bochs, ast, mgag200) have no render node.
bool has_gpu_render_node(const std::string& drm_class_dir = "/sys/class/drm");

}  // namespace vsk::platform
