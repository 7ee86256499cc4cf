#include "pointer_events.h"

#include <SDL.h>

namespace vsk::platform {

std::optional<PointerEvent> PointerTranslator::translate(const SDL_Event& e) {
  switch (e.type) {
    case SDL_FINGERDOWN:
      if (active_finger_ != -1) return std::nullopt;  // a second finger: ignore
      active_finger_ = static_cast<long long>(e.tfinger.fingerId);
      return PointerEvent{e.tfinger.x * width_, e.tfinger.y * height_, true};
    case SDL_FINGERMOTION:
      if (static_cast<long long>(e.tfinger.fingerId) != active_finger_) return std::nullopt;
      return PointerEvent{e.tfinger.x * width_, e.tfinger.y * height_, true};
    case SDL_FINGERUP:
      if (static_cast<long long>(e.tfinger.fingerId) != active_finger_) return std::nullopt;
      active_finger_ = -1;
      return PointerEvent{e.tfinger.x * width_, e.tfinger.y * height_, false};
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;  // already seen as a finger
      return PointerEvent{static_cast<float>(e.motion.x), static_cast<float>(e.motion.y), mouse_down_};
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return std::nullopt;
      mouse_down_ = e.type == SDL_MOUSEBUTTONDOWN;
      return PointerEvent{static_cast<float>(e.button.x), static_cast<float>(e.button.y), mouse_down_};
    default:
      return std::nullopt;
  }
}

PointerEvent PointerQueue::next_frame_state() {
  while (!pending_.empty()) {
    const PointerEvent e = pending_.front();
    pending_.pop_front();
    const bool changed = e.down != current_.down;
    current_ = e;
    if (changed) break;
  }
  return current_;
}

}  // namespace vsk::platform
