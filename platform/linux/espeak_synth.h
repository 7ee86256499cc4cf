// espeak-ng (Debian libespeak-ng, offline) synthesising into memory: the samples go to a
// callback chunk by chunk, so playback can start before the whole text is done and a stop can
// cut synthesis short. espeak-ng keeps global state: use one EspeakSynth, from one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vsk::platform {

class HanziPinyin;

class EspeakSynth {
 public:
  EspeakSynth();  // throws std::runtime_error when espeak-ng or its data cannot be loaded
  ~EspeakSynth();
  EspeakSynth(const EspeakSynth&) = delete;
  EspeakSynth& operator=(const EspeakSynth&) = delete;

  int sample_rate() const { return rate_; }  // mono, signed 16-bit
  using Sink = std::function<void(const std::int16_t* samples, std::size_t count)>;
  // Speaks `text` with `voice` ("cmn": Mandarin, read through toned pinyin; "en"). Returns
  // false when `cancelled` turned true before the end (polled between chunks of ~50 ms).
  bool synthesize(const std::string& text, const std::string& voice, const Sink& sink,
                  const std::function<bool()>& cancelled = {});
  // Convenience for tests and files: the whole text in one buffer.
  std::vector<std::int16_t> synthesize_all(const std::string& text, const std::string& voice);
  // What the synthesiser is given for Mandarin: toned pinyin (see hanzi_pinyin.h).
  std::string mandarin_input(const std::string& text) const;

 private:
  int rate_ = 0;
  std::unique_ptr<HanziPinyin> pinyin_;
};

// A mono 16-bit WAV file of `samples` (for listening to what a test produced).
bool write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int rate);

}  // namespace vsk::platform
