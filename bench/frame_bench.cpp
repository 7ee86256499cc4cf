// CPU cost of drawing the kiosk (all threads of the process) with our software renderer (an
// old PC with no GPU driver) and, for comparison, SDL's accelerated renderer; and of building
// the font atlas.
// Run: build/bench/kiosk_bench  (figures go to BENCHMARKS.md)
#include <benchmark/benchmark.h>
#include <imgui.h>

#include "app/bootstrap.h"
#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/kiosk_app.h"
#include "app/request_service.h"
#include "fake/fake_pin_hasher.h"
#include "fake/sequence_random.h"
#include "platform/clock.h"
#include "support/temp_dir.h"
#include "ui/font_set.h"
#include "ui/shell.h"

using namespace vsk;

namespace {

struct Kiosk {
  explicit Kiosk(int w = 1920, int h = 1080, platform::RendererChoice r = platform::RendererChoice::kSoftware)
      : video{platform::VideoOptions{platform::VideoMode::kHeadless, w, h, "bench", r}} {}
  test_support::TempDir dir;
  platform::FakePinHasher hasher;
  platform::SystemClock clock;
  app::OpenedVillage village = app::open_village(dir.path(), hasher, true);
  app::Translations tr = app::Translations::load(app::default_assets_dir() + "/i18n", {"zh-CN", "en"});
  core::Catalog catalog = app::load_catalog(app::default_assets_dir() + "/catalog/services.json");
  core::WorkingCalendar calendar = app::load_working_calendar(app::default_assets_dir() + "/calendar/cn-holidays.json");
  platform::SequenceRandom random;
  app::RequestService requests{*village.store, catalog, calendar, clock, random};
  app::KioskApp app{{*village.store, clock, hasher, requests, nullptr, nullptr}, app::AppOptions{}};
  platform::SdlVideo video;
  ui::Shell shell{app, tr, catalog, video, ui::find_cjk_font(), village.store->residents().display_text_sample()};
};

// Draw (only what changed, as the kiosk does) and present.
void draw_and_present(Kiosk& k) {
  k.shell.render_frame();
  k.shell.present();
}

void report(benchmark::State& state, Kiosk& k, std::int64_t drawn) {
  state.counters["drawn_px_per_frame"] = static_cast<double>(drawn) / static_cast<double>(state.iterations());
  state.SetLabel(k.video.renderer().name());
}

// A whole repaint every frame: what the first frame of a new screen costs (a touch that
// changes the screen). Every thread of the process counts (MeasureProcessCPUTime).
void whole_frames(benchmark::State& state, Kiosk& k) {
  std::int64_t drawn = 0;
  for (auto _ : state) {
    k.video.renderer().invalidate();
    draw_and_present(k);
    drawn += k.video.renderer().last_drawn_pixels();
  }
  report(state, k, drawn);
}

void BM_FrameHome1080p(benchmark::State& state) {
  Kiosk k;
  k.shell.render_frame();
  whole_frames(state, k);
}
BENCHMARK(BM_FrameHome1080p)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_FrameKeypad1080p(benchmark::State& state) {
  Kiosk k;
  k.app.dispatch(app::OpenPoints{});
  k.shell.render_frame();
  whole_frames(state, k);
}
BENCHMARK(BM_FrameKeypad1080p)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_FrameHome1366x768(benchmark::State& state) {
  Kiosk k(1366, 768);
  k.shell.render_frame();
  whole_frames(state, k);
}
BENCHMARK(BM_FrameHome1366x768)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// Home -> keypad -> home ...: each frame a new screen, as a resident tapping through.
void BM_FrameScreenChange1080p(benchmark::State& state) {
  Kiosk k;
  k.shell.render_frame();
  std::int64_t drawn = 0;
  bool keypad = false;
  for (auto _ : state) {
    k.app.dispatch(keypad ? app::Action(app::Home{}) : app::Action(app::OpenPoints{}));
    keypad = !keypad;
    draw_and_present(k);
    drawn += k.video.renderer().last_drawn_pixels();
  }
  report(state, k, drawn);
}
BENCHMARK(BM_FrameScreenChange1080p)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// A finger on a keypad key and off again: the pressed colour shows, the rest stays.
void BM_FrameKeyPress1080p(benchmark::State& state) {
  Kiosk k;
  k.app.dispatch(app::OpenPoints{});
  k.shell.render_frame();
  k.shell.render_frame();
  const ui::WidgetRecord* key = k.shell.last_frame().find_widget("key.5");
  if (!key) {
    state.SkipWithError("no key.5 on the keypad screen");
    return;
  }
  const float x = (key->x0 + key->x1) / 2, y = (key->y0 + key->y1) / 2;
  std::int64_t drawn = 0;
  bool down = false;
  for (auto _ : state) {
    down = !down;
    k.shell.pointer().push({x, y, down});
    draw_and_present(k);
    drawn += k.video.renderer().last_drawn_pixels();
  }
  report(state, k, drawn);
}
BENCHMARK(BM_FrameKeyPress1080p)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// Nothing changed (the loop's second settle frame, a hover that shows nothing): ImGui still
// builds the frame, nothing is drawn or presented.
void BM_FrameUnchanged1080p(benchmark::State& state) {
  Kiosk k;
  k.shell.render_frame();
  std::int64_t drawn = 0;
  for (auto _ : state) {
    draw_and_present(k);
    drawn += k.video.renderer().last_drawn_pixels();
  }
  report(state, k, drawn);
}
BENCHMARK(BM_FrameUnchanged1080p)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// SDL's accelerated renderer, forced: on this machine Mesa llvmpipe through the offscreen
// driver's EGL (its worker threads count); on a PC with a GPU, the GPU path.
void BM_FrameHome1080pSdlGpuRenderer(benchmark::State& state) {
  std::unique_ptr<Kiosk> k;
  try {
    k = std::make_unique<Kiosk>(1920, 1080, platform::RendererChoice::kGpu);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  if (k->video.software()) {
    state.SkipWithError(("no accelerated SDL renderer: " + k->video.gpu_fallback_reason()).c_str());
    return;
  }
  k->shell.render_frame();
  std::vector<std::uint8_t> pixel;
  for (auto _ : state) {
    k->video.renderer().invalidate();
    k->shell.render_frame();
    // GL queues the work: reading a pixel back makes llvmpipe finish the frame inside the
    // timed loop (a pbuffer's swap would not).
    int w = 0, h = 0;
    k->video.renderer().read_pixels(&pixel, &w, &h);
    k->shell.present();
  }
  report(state, *k, state.iterations() * 1920LL * 1080);
}
BENCHMARK(BM_FrameHome1080pSdlGpuRenderer)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_FontAtlasBuild(benchmark::State& state) {
  test_support::TempDir dir;
  platform::FakePinHasher hasher;
  auto village = app::open_village(dir.path(), hasher, true);
  const app::Translations tr = app::Translations::load(app::default_assets_dir() + "/i18n", {"zh-CN", "en"});
  const std::string text = tr.all_text() + village.store->residents().display_text_sample();
  ImGui::CreateContext();
  ui::FontSet fonts(ui::find_cjk_font(), ui::body_font_px(1080));
  fonts.require(text);
  for (auto _ : state) fonts.build();
  state.counters["glyphs"] = static_cast<double>(fonts.glyph_count());
  state.counters["atlas_w"] = fonts.atlas_width();
  state.counters["atlas_h"] = fonts.atlas_height();
  ImGui::DestroyContext();
}
BENCHMARK(BM_FontAtlasBuild)->Unit(benchmark::kMillisecond);

// The alternative we did not take: ImGui's ~2,500 common simplified characters at the same
// sizes. Kept as a benchmark so the choice in BENCHMARKS.md can be re-checked.
void BM_FontAtlasBuildChineseCommonRange(benchmark::State& state) {
  ImGui::CreateContext();
  const std::string font = ui::find_cjk_font();
  const float px = ui::body_font_px(1080);
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  for (auto _ : state) {
    atlas->Clear();
    const ImWchar* ranges = atlas->GetGlyphRangesChineseSimplifiedCommon();
    atlas->AddFontFromFileTTF(font.c_str(), px, nullptr, ranges);
    atlas->AddFontFromFileTTF(font.c_str(), px * 1.4f, nullptr, ranges);
    atlas->Build();
  }
  state.counters["atlas_w"] = atlas->TexWidth;
  state.counters["atlas_h"] = atlas->TexHeight;
  ImGui::DestroyContext();
}
BENCHMARK(BM_FontAtlasBuildChineseCommonRange)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
