#include "linux/espeak_synth.h"

#include <espeak-ng/speak_lib.h>

#include <cstring>
#include <mutex>
#include <fstream>
#include <stdexcept>

#include "linux/hanzi_pinyin.h"

namespace vsk::platform {
namespace {

// espeak-ng's callback has no user pointer for our state: the one synthesis in flight is here
// (espeak-ng is single-threaded anyway).
struct Job {
  const EspeakSynth::Sink* sink = nullptr;
  const std::function<bool()>* cancelled = nullptr;
  bool was_cancelled = false;
};
thread_local Job* g_job = nullptr;

int on_samples(short* wav, int count, espeak_EVENT*) {
  if (!g_job) return 1;
  if (*g_job->cancelled && (*g_job->cancelled)()) {
    g_job->was_cancelled = true;
    return 1;  // abort synthesis
  }
  if (wav && count > 0) (*g_job->sink)(reinterpret_cast<const std::int16_t*>(wav), static_cast<std::size_t>(count));
  return 0;
}

}  // namespace

// espeak-ng is initialised once per process and never terminated: Debian's 1.51 hangs in
// espeak_Terminate() waiting for its internal thread, and a second espeak_Initialize leaks.
int espeak_rate() {
  static const int rate = [] {
    const int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 50, nullptr, 0);  // 50 ms chunks: stops are quick
    if (r > 0) espeak_SetSynthCallback(on_samples);
    return r;
  }();
  return rate;
}
std::mutex g_espeak_mutex;  // one synthesis at a time, whichever thread asks

EspeakSynth::EspeakSynth() {
  rate_ = espeak_rate();
  if (rate_ <= 0) throw std::runtime_error("espeak-ng could not be initialised (is espeak-ng-data installed?)");
  pinyin_ = std::make_unique<HanziPinyin>();
}

EspeakSynth::~EspeakSynth() = default;

std::string EspeakSynth::mandarin_input(const std::string& text) const {
  return pinyin_->empty() ? text : pinyin_->convert(text);
}

bool EspeakSynth::synthesize(const std::string& text, const std::string& voice, const Sink& sink,
                             const std::function<bool()>& cancelled) {
  // Mandarin goes through toned pinyin when the dictionary is there; else the plain cmn voice.
  const bool via_pinyin = voice == "cmn" && !pinyin_->empty();
  const std::string input = via_pinyin ? pinyin_->convert(text) : text;
  const std::string voice_name = via_pinyin ? "cmn-Latn-pinyin" : voice;
  std::lock_guard lock(g_espeak_mutex);
  if (espeak_SetVoiceByName(voice_name.c_str()) != EE_OK && espeak_SetVoiceByName("en") != EE_OK) return false;
  espeak_SetParameter(espeakRATE, via_pinyin ? 150 : 160, 0);  // a little slower than default, for elders
  Job job{&sink, &cancelled, false};
  g_job = &job;
  espeak_Synth(input.c_str(), input.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
  g_job = nullptr;
  return !job.was_cancelled;
}

std::vector<std::int16_t> EspeakSynth::synthesize_all(const std::string& text, const std::string& voice) {
  std::vector<std::int16_t> out;
  synthesize(text, voice, [&](const std::int16_t* s, std::size_t n) { out.insert(out.end(), s, s + n); });
  return out;
}

bool write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int rate) {
  std::ofstream f(path, std::ios::binary);
  if (!f) return false;
  auto u32 = [&](std::uint32_t v) { f.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](std::uint16_t v) { f.write(reinterpret_cast<const char*>(&v), 2); };
  const std::uint32_t bytes = static_cast<std::uint32_t>(samples.size() * 2);
  f.write("RIFF", 4);
  u32(36 + bytes);
  f.write("WAVEfmt ", 8);
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(static_cast<std::uint32_t>(rate));
  u32(static_cast<std::uint32_t>(rate) * 2);
  u16(2);
  u16(16);
  f.write("data", 4);
  u32(bytes);
  f.write(reinterpret_cast<const char*>(samples.data()), bytes);
  return static_cast<bool>(f);
}

}  // namespace vsk::platform
