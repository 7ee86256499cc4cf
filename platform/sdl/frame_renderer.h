// What the shell draws ImGui frames with: our own software renderer (every kiosk PC, no GPU
// needed) or SDL's accelerated renderer where a real GPU driver is present. Chosen once at
// start (sdl_video.cpp); the shell and the image cache talk only to this interface.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

namespace vsk::platform {

class FrameRenderer {
 public:
  virtual ~FrameRenderer() = default;

  // "software" or SDL's renderer name ("opengl", "opengles2", ...).
  virtual std::string name() const = 0;
  virtual bool software() const = 0;
  virtual void output_size(int* w, int* h) const = 0;

  // Registers as ImGui's renderer backend (the ImGui context must exist) / unregisters.
  virtual void attach_imgui() = 0;
  virtual void detach_imgui() = 0;
  // Takes ImGui's freshly built font atlas / lets go of it before a rebuild. The software
  // renderer reads ImGui's alpha-only pixels in place (no copy); a GPU renderer uploads RGBA
  // and frees ImGui's CPU copies.
  virtual void upload_fonts() = 0;
  virtual void release_fonts() = 0;

  // A picture (RGBA, 8 bits a channel) for ImGui's AddImage; null when it cannot be made.
  virtual ImTextureID create_texture(const std::uint8_t* rgba, int w, int h) = 0;
  virtual void destroy_texture(ImTextureID texture) = 0;

  // Draws a frame over a cleared background; present() shows it.
  virtual void render(ImDrawData* data, std::uint32_t clear_rgba) = 0;
  virtual void present() = 0;
  // The last rendered frame as RGBA rows (alpha 255).
  virtual bool read_pixels(std::vector<std::uint8_t>* rgba, int* w, int* h) = 0;

  // Pixels the last render() drew (the software renderer draws only what changed); the whole
  // screen for renderers that always draw everything.
  virtual std::int64_t last_drawn_pixels() const = 0;
  // The next frame is drawn whole (benchmarks of a full repaint).
  virtual void invalidate() {}
};

}  // namespace vsk::platform
