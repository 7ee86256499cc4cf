// The SDL window and renderer: fullscreen on the kiosk, a window for development, or an
// offscreen window (SDL's "offscreen" video driver + software renderer) for headless runs.
#pragma once

#include <string>

struct SDL_Window;
struct SDL_Renderer;

namespace vsk::platform {

enum class VideoMode { kFullscreen, kWindowed, kHeadless };

struct VideoOptions {
  VideoMode mode = VideoMode::kFullscreen;
  int width = 1920;   // windowed / headless size; fullscreen takes the display's size
  int height = 1080;
  std::string title = "Village Service Kiosk";
};

class SdlVideo {
 public:
  // Throws std::runtime_error with SDL's message when no window or renderer can be made.
  explicit SdlVideo(const VideoOptions& options);
  ~SdlVideo();
  SdlVideo(const SdlVideo&) = delete;
  SdlVideo& operator=(const SdlVideo&) = delete;

  SDL_Window* window() const { return window_; }
  SDL_Renderer* renderer() const { return renderer_; }
  void output_size(int* w, int* h) const;
  bool software() const { return software_; }
  // Writes what the renderer holds now (call after drawing, before presenting) as a PNG.
  bool save_png(const std::string& path) const;

 private:
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool software_ = false;
};

}  // namespace vsk::platform
