#include "sdl_chime.h"

#include <SDL.h>

#include <cmath>

namespace vsk::platform {
namespace {

constexpr int kRate = 22050;

}  // namespace

std::vector<std::int16_t> SdlChime::samples() {
  // "Ding-dong": 880 Hz then 660 Hz, 0.35 s each, with a soft decay so it is not harsh.
  std::vector<std::int16_t> out;
  for (const double freq : {880.0, 660.0}) {
    const int n = kRate * 35 / 100;
    for (int i = 0; i < n; ++i) {
      const double t = static_cast<double>(i) / kRate;
      const double envelope = std::exp(-4.0 * t);
      out.push_back(static_cast<std::int16_t>(12000.0 * envelope * std::sin(2.0 * M_PI * freq * t)));
    }
  }
  return out;
}

SdlChime::SdlChime() {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return;
  SDL_AudioSpec want{};
  want.freq = kRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
  if (device_ != 0) SDL_PauseAudioDevice(device_, 0);
}

SdlChime::~SdlChime() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
}

void SdlChime::ring() {
  if (device_ == 0) return;
  static const std::vector<std::int16_t> kSamples = samples();
  SDL_ClearQueuedAudio(device_);
  SDL_QueueAudio(device_, kSamples.data(), static_cast<Uint32>(kSamples.size() * sizeof(std::int16_t)));
}

}  // namespace vsk::platform
