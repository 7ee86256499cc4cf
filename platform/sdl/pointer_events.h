// Touch and mouse reduced to one pointer: the kiosk is used with one finger. SDL events
// become PointerEvents; a second finger is ignored (no multi-finger gestures on a kiosk).
#pragma once

#include <deque>
#include <optional>

union SDL_Event;

namespace vsk::platform {

struct PointerEvent {
  float x = 0;
  float y = 0;
  bool down = false;
};

class PointerTranslator {
 public:
  // Window size in pixels, for SDL's normalised finger coordinates.
  void set_window_size(int w, int h) {
    width_ = w;
    height_ = h;
  }
  std::optional<PointerEvent> translate(const SDL_Event& e);

 private:
  int width_ = 1;
  int height_ = 1;
  long long active_finger_ = -1;  // the finger that owns the pointer, -1 if none
  bool mouse_down_ = false;
};

// Pointer events waiting to reach the UI. A press and release that arrive within one frame
// are handed out on separate frames, so a quick tap is never lost.
class PointerQueue {
 public:
  void push(const PointerEvent& e) { pending_.push_back(e); }
  bool empty() const { return pending_.empty(); }
  // Applies events up to and including the first button change; returns the pointer now.
  PointerEvent next_frame_state();
  const PointerEvent& current() const { return current_; }

 private:
  std::deque<PointerEvent> pending_;
  PointerEvent current_{-1, -1, false};
};

}  // namespace vsk::platform
