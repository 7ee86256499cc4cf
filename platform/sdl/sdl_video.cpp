#include "sdl_video.h"

#include <SDL.h>
#include <stb_image_write.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace vsk::platform {

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

  if (o.mode != VideoMode::kHeadless)
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!renderer_) {
    // Old kiosk PCs often have no usable GPU driver: the software renderer always works.
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    software_ = true;
  }
  if (!renderer_) throw std::runtime_error(std::string("cannot create renderer: ") + SDL_GetError());
}

SdlVideo::~SdlVideo() {
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

void SdlVideo::output_size(int* w, int* h) const { SDL_GetRendererOutputSize(renderer_, w, h); }

bool SdlVideo::save_png(const std::string& path) const {
  int w = 0, h = 0;
  output_size(&w, &h);
  std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 4);
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), w * 4) != 0) return false;
  for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the window has no transparency
  return stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
}

}  // namespace vsk::platform
