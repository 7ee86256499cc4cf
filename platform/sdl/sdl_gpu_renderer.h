// SDL's accelerated renderer (OpenGL / OpenGL ES 2) with ImGui's SDL_Renderer backend, for
// kiosk PCs with a working GPU driver. It draws every frame whole (a GPU does that in well
// under a millisecond); the font atlas goes up as RGBA (SDL has no alpha-only texture format)
// and ImGui's CPU copies are freed after the upload.
#pragma once

#include <memory>

#include "sdl/frame_renderer.h"

struct SDL_Window;
struct SDL_Renderer;

namespace vsk::platform {

class SdlGpuRenderer final : public FrameRenderer {
 public:
  // Null when SDL cannot make an accelerated renderer for the window, or when the one it
  // makes rasterises on the CPU (Mesa llvmpipe / softpipe: then our software renderer is
  // faster and needs no GL stack) unless `allow_cpu_gl`.
  static std::unique_ptr<SdlGpuRenderer> create(SDL_Window* window, bool allow_cpu_gl, std::string* why_not);
  ~SdlGpuRenderer() override;

  std::string name() const override { return name_; }
  bool software() const override { return false; }
  void output_size(int* w, int* h) const override;
  void attach_imgui() override;
  void detach_imgui() override;
  void upload_fonts() override;
  void release_fonts() override;
  ImTextureID create_texture(const std::uint8_t* rgba, int w, int h) override;
  void destroy_texture(ImTextureID texture) override;
  void render(ImDrawData* data, std::uint32_t clear_rgba) override;
  void present() override;
  bool read_pixels(std::vector<std::uint8_t>* rgba, int* w, int* h) override;
  std::int64_t last_drawn_pixels() const override;

 private:
  explicit SdlGpuRenderer(SDL_Renderer* renderer, std::string name) : renderer_(renderer), name_(std::move(name)) {}
  SDL_Renderer* renderer_;
  std::string name_;
  bool attached_ = false;
};

// The GL_RENDERER string of the GL context current on this thread ("" when none).
std::string current_gl_renderer();
// True for Mesa's CPU rasterisers and other software GL implementations.
bool is_cpu_gl(const std::string& gl_renderer);

}  // namespace vsk::platform
