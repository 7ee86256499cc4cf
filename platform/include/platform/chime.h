// A sound that calls staff over ("请工作人员帮我办"). Best effort: a kiosk with no sound
// card still shows the call on screen.
#pragma once

namespace vsk::platform {

class Chime {
 public:
  virtual ~Chime() = default;
  virtual void ring() = 0;
};

}  // namespace vsk::platform
