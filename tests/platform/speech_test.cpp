// Read-aloud: espeak-ng produces real, non-silent Mandarin audio for a screen's text, a stop
// cuts synthesis short, and the SDL speaker plays and stops on SDL's dummy audio driver.
#include <SDL.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "core/speech_text.h"
#include "linux/espeak_synth.h"
#include "linux/hanzi_pinyin.h"
#include "sdl/sdl_speaker.h"

using namespace vsk;

namespace {

double rms(const std::vector<std::int16_t>& s) {
  double e = 0;
  for (auto v : s) e += static_cast<double>(v) * v;
  return s.empty() ? 0 : std::sqrt(e / static_cast<double>(s.size()));
}

// What the home screen's read-aloud says, plus numbers that must be read as words.
const char* const kScreenText = "办事申请。进度查询。积分查询。村务公开。您的积分120分，本月-20分，应于2026-11-26前办结。";

template <class F>
bool wait_for(F cond, int ms) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (!cond()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace

TEST(HanziPinyin, ReadsCharactersAndWordsWithTones) {
  platform::HanziPinyin p;
  ASSERT_FALSE(p.empty()) << "install rime-data-terra-pinyin";
  EXPECT_EQ(p.convert("村委会"), "cun1 wei3 hui4");
  EXPECT_EQ(p.convert("二〇二六年"), "er4 ling2 er4 liu4 nian2");
  EXPECT_EQ(p.convert("你好，QS"), "ni3 hao3, QS");
  // Simplified characters that are also rare traditional ones read as the simplified word
  // (via OpenCC to traditional): not kai1 -> jian1, ji1 -> zhi3, hang2 -> xing2.
  EXPECT_EQ(p.convert("积分"), "ji1 fen1");
  EXPECT_EQ(p.convert("村务公开"), "cun1 wu4 gong1 kai1");
  EXPECT_EQ(p.convert("银行"), "yin2 hang2");
  EXPECT_EQ(p.convert("调解"), "tiao2 jie3");
}

TEST(EspeakSynth, ScreenTextGivesAudibleMandarin) {
  platform::EspeakSynth synth;
  const std::string text = core::speech_text(kScreenText, "zh-CN");
  EXPECT_NE(text.find("一百二十分"), std::string::npos);
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<std::int16_t> pcm = synth.synthesize_all(text, core::speech_voice("zh-CN"));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const double seconds = static_cast<double>(pcm.size()) / synth.sample_rate();
  std::printf("synthesised %.1f s of speech in %.0f ms, rms %.0f\n", seconds, ms, rms(pcm));
  // ~60 syllables at a slow pace: several seconds, not a click and not a minute.
  EXPECT_GT(seconds, 5.0);
  EXPECT_LT(seconds, 40.0);
  EXPECT_GT(rms(pcm), 500.0) << "silent audio";
  EXPECT_TRUE(platform::write_wav("tts_screen_zh.wav", pcm, synth.sample_rate()));

  const std::vector<std::int16_t> en = synth.synthesize_all("Service requests. Track a request.", "en");
  EXPECT_GT(static_cast<double>(en.size()) / synth.sample_rate(), 1.0);
  EXPECT_GT(rms(en), 500.0);
}

TEST(EspeakSynth, CancelStopsSynthesisEarly) {
  platform::EspeakSynth synth;
  const std::string text = core::speech_text(kScreenText, "zh-CN");
  const std::size_t full = synth.synthesize_all(text, "cmn").size();
  std::size_t got = 0;
  const bool finished = synth.synthesize(
      text, "cmn", [&](const std::int16_t*, std::size_t n) { got += n; }, [&] { return got > 0; });
  EXPECT_FALSE(finished);
  EXPECT_GT(got, 0u);
  EXPECT_LT(got, full / 4);
}

TEST(SdlSpeaker, PlaysAndStopsOnTheDummyDriver) {
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  platform::SdlSpeaker speaker;
  ASSERT_TRUE(speaker.available());
  EXPECT_FALSE(speaker.speaking());
  speaker.speak(core::speech_text(kScreenText, "zh-CN"), "cmn");
  EXPECT_TRUE(speaker.speaking());  // at once: synthesis runs on the worker
  ASSERT_TRUE(wait_for([&] { return speaker.samples_queued() > 0; }, 5000));
  EXPECT_TRUE(speaker.speaking());
  speaker.stop();
  EXPECT_FALSE(speaker.speaking()) << "stop() must end playback before it returns";
  const std::uint64_t after_stop = speaker.samples_queued();
  // The abandoned synthesis winds down on the worker; nothing of it may reach the device.
  ASSERT_TRUE(wait_for([&] { return !speaker.synthesising(); }, 5000));
  EXPECT_EQ(speaker.samples_queued(), after_stop) << "audio still queued after stop()";
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}
