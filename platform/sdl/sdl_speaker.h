// Read-aloud through SDL audio: a worker thread owns espeak-ng and queues its samples on the
// audio device as they come, so the UI thread never waits for synthesis. With no audio
// device (or espeak-ng missing) speak() does nothing and speaking() stays false.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "platform/speech.h"

namespace vsk::platform {

class SdlSpeaker final : public Speaker {
 public:
  // Plays on `shared_device` (an open 22,050 Hz mono S16 SDL device, e.g. the chime's) or,
  // when 0, opens the default audio device itself. Starts the worker.
  explicit SdlSpeaker(std::uint32_t shared_device = 0);
  ~SdlSpeaker() override;
  SdlSpeaker(const SdlSpeaker&) = delete;
  SdlSpeaker& operator=(const SdlSpeaker&) = delete;

  void speak(const std::string& text, const std::string& voice) override;
  void stop() override;
  bool speaking() const override;
  bool available() const { return device_ != 0; }
  // Samples queued on the device so far (tests: proof that sound went out).
  std::uint64_t samples_queued() const { return samples_queued_; }
  // A synthesis still runs on the worker (perhaps one abandoned by stop(), winding down).
  bool synthesising() const { return synthesising_; }

 private:
  void worker();

  std::uint32_t device_ = 0;
  bool owns_device_ = false;
  std::thread thread_;
  mutable std::mutex mutex_;  // guards the job fields and "check generation + queue audio"
  std::condition_variable wake_;
  std::string text_, voice_;
  std::uint64_t generation_ = 0;  // bumped by speak() and stop(): older synthesis is abandoned
  std::uint64_t active_generation_ = 0;  // the job the worker is synthesising
  bool has_job_ = false;
  bool quit_ = false;
  std::atomic<bool> synthesising_{false};
  std::atomic<std::uint64_t> samples_queued_{0};
};

}  // namespace vsk::platform
