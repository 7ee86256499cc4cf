// The SDL window and what draws into it: fullscreen on the kiosk, a window for development,
// or an offscreen window (SDL's "offscreen" video driver) for headless runs.
//
// The renderer is chosen once here. Our software renderer (soft_renderer.h) is the default
// and the fallback: it needs no GL stack and draws only what changed. SDL's accelerated
// renderer is taken where a real GPU driver is present (a DRM render node, and a GL that is
// not a CPU rasteriser); `--renderer gpu` forces it (e.g. to measure Mesa llvmpipe).
#pragma once

#include <memory>
#include <string>

#include "sdl/frame_renderer.h"

struct SDL_Window;

namespace vsk::platform {

enum class VideoMode { kFullscreen, kWindowed, kHeadless };
enum class RendererChoice { kAuto, kSoftware, kGpu };

struct VideoOptions {
  VideoMode mode = VideoMode::kFullscreen;
  int width = 1920;   // windowed / headless size; fullscreen takes the display's size
  int height = 1080;
  std::string title = "Village Service Kiosk";
  RendererChoice renderer = RendererChoice::kAuto;
};

class SdlVideo {
 public:
  // Throws std::runtime_error with SDL's message when no window or renderer can be made.
  explicit SdlVideo(const VideoOptions& options);
  ~SdlVideo();
  SdlVideo(const SdlVideo&) = delete;
  SdlVideo& operator=(const SdlVideo&) = delete;

  SDL_Window* window() const { return window_; }
  FrameRenderer& renderer() const { return *renderer_; }
  void output_size(int* w, int* h) const { renderer_->output_size(w, h); }
  bool software() const { return renderer_->software(); }
  // Why the GPU renderer was not taken ("" when it was, or was not asked about).
  const std::string& gpu_fallback_reason() const { return gpu_fallback_; }
  // Writes the last rendered frame as a PNG.
  bool save_png(const std::string& path) const;

 private:
  SDL_Window* window_ = nullptr;
  std::unique_ptr<FrameRenderer> renderer_;
  std::string gpu_fallback_;
};

// "auto", "software", "gpu"; false for anything else.
bool parse_renderer_choice(const std::string& text, RendererChoice* out);

}  // namespace vsk::platform
