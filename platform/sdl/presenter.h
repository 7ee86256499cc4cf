// Where the software renderer's pixels go: a buffer in memory (headless), the SDL window's
// own framebuffer (X11: XShm, no GL), or Wayland shm buffers attached to SDL's surface. None
// of them loads a GL stack.
#pragma once

#include <memory>
#include <vector>

#include "sdl/soft_raster.h"

struct SDL_Window;

namespace vsk::platform {

struct PresentTarget {
  Canvas canvas;
  // The buffer holds the frame of `age` frames ago (1: the last one); 0 when its contents are
  // unknown and it must be drawn whole.
  int age = 0;
};

class Presenter {
 public:
  virtual ~Presenter() = default;
  virtual const char* name() const = 0;
  // The window's size in pixels now: the size the next acquire() returns.
  virtual void size(int* w, int* h) const = 0;
  // The buffer to draw the next frame into, sized to the window now.
  virtual PresentTarget acquire() = 0;
  // Shows the acquired buffer; `damage` covers what changed since the last present. A frame
  // that changed nothing is neither acquired nor presented (buffer ages count presents).
  virtual void present(const std::vector<IntRect>& damage) = 0;
};

// The right presenter for the window's video driver ("offscreen"/"dummy": memory).
std::unique_ptr<Presenter> make_presenter(SDL_Window* window);
std::unique_ptr<Presenter> make_memory_presenter(SDL_Window* window);

}  // namespace vsk::platform
