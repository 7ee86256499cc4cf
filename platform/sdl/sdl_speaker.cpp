#include "sdl/sdl_speaker.h"

#include <SDL.h>

#include <cstdio>

#include "linux/espeak_synth.h"

namespace vsk::platform {

SdlSpeaker::SdlSpeaker(std::uint32_t shared_device) {
  if (shared_device != 0) {
    device_ = shared_device;
  } else {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return;
    SDL_AudioSpec want{};
    want.freq = 22050;  // espeak-ng's native rate: no resampling
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
    if (device_ == 0) return;
    owns_device_ = true;
    SDL_PauseAudioDevice(device_, 0);
  }
  thread_ = std::thread([this] { worker(); });
}

SdlSpeaker::~SdlSpeaker() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    ++generation_;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (owns_device_) SDL_CloseAudioDevice(device_);
}

void SdlSpeaker::speak(const std::string& text, const std::string& voice) {
  if (device_ == 0) return;
  {
    std::lock_guard lock(mutex_);
    ++generation_;
    text_ = text;
    voice_ = voice;
    has_job_ = true;
    SDL_ClearQueuedAudio(device_);
  }
  wake_.notify_all();
}

void SdlSpeaker::stop() {
  if (device_ == 0) return;
  std::lock_guard lock(mutex_);
  ++generation_;
  has_job_ = false;
  SDL_ClearQueuedAudio(device_);
}

bool SdlSpeaker::speaking() const {
  if (device_ == 0) return false;
  {
    std::lock_guard lock(mutex_);
    if (has_job_) return true;
    // A synthesis abandoned by stop() may still be winding down: that is not speaking.
    if (synthesising_ && active_generation_ == generation_) return true;
  }
  return SDL_GetQueuedAudioSize(device_) > 0;
}

void SdlSpeaker::worker() {
  // Loaded on the first request, not at start-up: espeak-ng and the pinyin dictionary cost
  // ~25 MiB and ~0.1 s that most sessions never need.
  std::unique_ptr<EspeakSynth> synth;
  bool tried = false;
  for (;;) {
    std::string text, voice;
    std::uint64_t gen = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return quit_ || has_job_; });
      if (quit_) return;
      text = std::move(text_);
      voice = std::move(voice_);
      gen = generation_;
      active_generation_ = gen;
      has_job_ = false;
      synthesising_ = true;
    }
    if (!tried) {
      tried = true;
      try {
        synth = std::make_unique<EspeakSynth>();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: read-aloud unavailable: %s\n", e.what());
      }
    }
    if (synth) {
      const auto cancelled = [&] {
        std::lock_guard lock(mutex_);
        return generation_ != gen;
      };
      synth->synthesize(
          text, voice,
          [&](const std::int16_t* s, std::size_t n) {
            std::lock_guard lock(mutex_);
            if (generation_ != gen) return;  // stopped meanwhile: nothing more reaches the speaker
            SDL_QueueAudio(device_, s, static_cast<Uint32>(n * sizeof(std::int16_t)));
            samples_queued_ += n;
          },
          cancelled);
    }
    synthesising_ = false;
  }
}

}  // namespace vsk::platform
