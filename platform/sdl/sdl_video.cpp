#include "sdl_video.h"

#include <SDL.h>
#include <stb_image_write.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "linux/gpu_probe.h"
#include "sdl/presenter.h"
#include "sdl/sdl_gpu_renderer.h"
#include "sdl/soft_renderer.h"

namespace vsk::platform {

bool parse_renderer_choice(const std::string& text, RendererChoice* out) {
  if (text == "auto") *out = RendererChoice::kAuto;
  else if (text == "software") *out = RendererChoice::kSoftware;
  else if (text == "gpu") *out = RendererChoice::kGpu;
  else return false;
  return true;
}

SdlVideo::SdlVideo(const VideoOptions& o) {
  if (o.mode == VideoMode::kHeadless) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);  // sounds are played into nothing, never to a speaker
  }
  // Touch screens: we read finger events ourselves, and SDL's synthetic mouse events from
  // touches are told apart by SDL_TOUCH_MOUSEID, so keep both on.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  // SIGTERM/SIGINT are the program's to handle (systemd stop), not turned into SDL_QUIT,
  // which the kiosk ignores so that Alt-F4 cannot close it.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  if (o.mode == VideoMode::kFullscreen) {
    // Keep Alt-Tab and other system shortcuts inside the kiosk (X11; cage has none anyway).
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0)
    throw std::runtime_error(std::string("SDL_Init failed: ") + SDL_GetError());

  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
  if (o.mode == VideoMode::kFullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (o.mode == VideoMode::kWindowed) flags |= SDL_WINDOW_RESIZABLE;
  window_ = SDL_CreateWindow(o.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.width, o.height, flags);
  if (!window_) throw std::runtime_error(std::string("cannot create window: ") + SDL_GetError());
  if (o.mode == VideoMode::kFullscreen) SDL_SetWindowKeyboardGrab(window_, SDL_TRUE);

  // Ask the kernel before loading any GL library: most kiosk PCs have no usable GPU driver.
  const bool try_gpu = o.renderer == RendererChoice::kGpu ||
                       (o.renderer == RendererChoice::kAuto && o.mode != VideoMode::kHeadless && has_gpu_render_node());
  if (try_gpu) {
    renderer_ = SdlGpuRenderer::create(window_, o.renderer == RendererChoice::kGpu, &gpu_fallback_);
    if (!renderer_) std::fprintf(stderr, "kiosk: %s; drawing in software\n", gpu_fallback_.c_str());
  } else if (o.renderer == RendererChoice::kAuto && o.mode != VideoMode::kHeadless) {
    gpu_fallback_ = "no GPU render node";
  }
  if (!renderer_) renderer_ = std::make_unique<SoftRenderer>(make_presenter(window_));
}

SdlVideo::~SdlVideo() {
  renderer_.reset();
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

bool SdlVideo::save_png(const std::string& path) const {
  std::vector<unsigned char> pixels;
  int w = 0, h = 0;
  if (!renderer_->read_pixels(&pixels, &w, &h)) return false;
  return stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
}

}  // namespace vsk::platform
