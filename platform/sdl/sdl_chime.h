// The staff-call chime through SDL audio: two falling tones, generated, no sound file.
#pragma once

#include <cstdint>
#include <vector>

#include "platform/chime.h"

namespace vsk::platform {

class SdlChime final : public Chime {
 public:
  SdlChime();  // opens the default audio device; if there is none, ring() does nothing
  ~SdlChime() override;
  void ring() override;
  bool available() const { return device_ != 0; }
  std::uint32_t device() const { return device_; }  // shared with the speaker (same format)
  // The samples ring() plays (mono, signed 16-bit, 22,050 Hz): exposed for tests.
  static std::vector<std::int16_t> samples();

 private:
  std::uint32_t device_ = 0;
};

}  // namespace vsk::platform
