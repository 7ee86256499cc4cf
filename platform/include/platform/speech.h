// Reading text aloud (语音播报). Best effort like the chime: a kiosk with no sound card still
// works, it just says nothing. speak() returns at once; the sound comes from a background
// thread, and stop() silences it promptly (a screen change must not keep talking).
#pragma once

#include <string>

namespace vsk::platform {

class Speaker {
 public:
  virtual ~Speaker() = default;
  // `text` is already normalised for speech (core/speech_text.h); `voice` is an espeak-ng
  // voice name from core::speech_voice ("cmn", "en"). Replaces anything still being spoken.
  virtual void speak(const std::string& text, const std::string& voice) = 0;
  virtual void stop() = 0;
  virtual bool speaking() const = 0;
};

}  // namespace vsk::platform
