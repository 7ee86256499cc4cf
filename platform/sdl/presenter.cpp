#include "sdl/presenter.h"

#include <SDL.h>

#include <cstdio>
#include <cstring>

#include "sdl/wayland_shm_presenter.h"

namespace vsk::platform {
namespace {

// Headless: the frame stays in memory (screenshots read it); nothing is shown.
class MemoryPresenter final : public Presenter {
 public:
  explicit MemoryPresenter(SDL_Window* window) : window_(window) {}
  const char* name() const override { return "memory"; }
  void size(int* w, int* h) const override { SDL_GetWindowSize(window_, w, h); }
  PresentTarget acquire() override {
    int w = 0, h = 0;
    size(&w, &h);
    if (w != width_ || h != height_) {
      pixels_.assign(static_cast<std::size_t>(w) * h, 0);
      width_ = w;
      height_ = h;
      drawn_ = false;
    }
    PresentTarget t{{pixels_.data(), w, w, h}, drawn_ ? 1 : 0};
    drawn_ = true;  // the renderer draws what it is asked before anything reads the buffer
    return t;
  }
  void present(const std::vector<IntRect>&) override {}

 private:
  SDL_Window* window_;
  std::vector<std::uint32_t> pixels_;
  int width_ = 0, height_ = 0;
  bool drawn_ = false;
};

// SDL's own window framebuffer, without its GL texture path (SDL_FRAMEBUFFER_ACCELERATION=0):
// on X11 that is an XShm image, and SDL_UpdateWindowSurfaceRects sends only the damage. We
// draw straight into it when its format is ours, else into a shadow buffer that SDL converts.
class WindowSurfacePresenter final : public Presenter {
 public:
  explicit WindowSurfacePresenter(SDL_Window* window) : window_(window) {}
  ~WindowSurfacePresenter() override {
    if (shadow_surface_) SDL_FreeSurface(shadow_surface_);
  }
  const char* name() const override { return "window-surface"; }
  void size(int* w, int* h) const override {
    if (SDL_Surface* s = SDL_GetWindowSurface(window_)) {
      *w = s->w;
      *h = s->h;
    } else {
      SDL_GetWindowSize(window_, w, h);
    }
  }
  PresentTarget acquire() override {
    SDL_Surface* s = SDL_GetWindowSurface(window_);
    if (!s) return {};
    if (s != surface_ || s->w != width_ || s->h != height_) {
      surface_ = s;
      width_ = s->w;
      height_ = s->h;
      drawn_ = false;
      direct_ = s->format->BytesPerPixel == 4 &&
                (s->format->format == SDL_PIXELFORMAT_RGB888 || s->format->format == SDL_PIXELFORMAT_ARGB8888);
      if (shadow_surface_) SDL_FreeSurface(shadow_surface_);
      shadow_surface_ = nullptr;
      shadow_.clear();
      if (!direct_) {
        shadow_.assign(static_cast<std::size_t>(width_) * height_, 0);
        shadow_surface_ = SDL_CreateRGBSurfaceWithFormatFrom(shadow_.data(), width_, height_, 32, width_ * 4,
                                                             SDL_PIXELFORMAT_RGB888);
      }
    }
    PresentTarget t;
    if (direct_)
      t.canvas = {static_cast<std::uint32_t*>(s->pixels), s->pitch / 4, s->w, s->h};
    else
      t.canvas = {shadow_.data(), width_, width_, height_};
    t.age = drawn_ ? 1 : 0;
    drawn_ = true;
    return t;
  }
  void present(const std::vector<IntRect>& damage) override {
    if (!surface_ || damage.empty()) return;
    rects_.clear();
    for (const IntRect& r : damage) rects_.push_back({r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0});
    if (!direct_ && shadow_surface_)
      for (SDL_Rect r : rects_) SDL_BlitSurface(shadow_surface_, &r, surface_, &r);
    SDL_UpdateWindowSurfaceRects(window_, rects_.data(), static_cast<int>(rects_.size()));
  }

 private:
  SDL_Window* window_;
  SDL_Surface* surface_ = nullptr;  // SDL's; valid until the window's size changes
  int width_ = 0, height_ = 0;
  bool drawn_ = false, direct_ = false;
  std::vector<std::uint32_t> shadow_;
  SDL_Surface* shadow_surface_ = nullptr;
  std::vector<SDL_Rect> rects_;
};

}  // namespace

std::unique_ptr<Presenter> make_memory_presenter(SDL_Window* window) { return std::make_unique<MemoryPresenter>(window); }

std::unique_ptr<Presenter> make_presenter(SDL_Window* window) {
  const char* driver = SDL_GetCurrentVideoDriver();
  const std::string d = driver ? driver : "";
  if (d == "offscreen" || d == "dummy") return make_memory_presenter(window);
  if (d == "wayland") {
    // SDL2 has no native framebuffer on Wayland: its window surface would go through EGL.
    if (auto p = make_wayland_shm_presenter(window)) return p;
    std::fprintf(stderr, "kiosk: Wayland shm unavailable, presenting through SDL's window surface\n");
  }
  // Read when SDL makes the window's framebuffer: native (XShm), not a GL texture.
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  return std::make_unique<WindowSurfacePresenter>(window);
}

}  // namespace vsk::platform
