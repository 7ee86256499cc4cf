// CPU cost of drawing the kiosk at 1920x1080 with SDL's software renderer (the worst case:
// an old PC with no GPU driver), and of building the font atlas.
// Run: build/bench/kiosk_bench  (figures go to BENCHMARKS.md)
#include <SDL.h>
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
  platform::SdlVideo video{platform::VideoOptions{platform::VideoMode::kHeadless, 1920, 1080, "bench"}};
  ui::Shell shell{app, tr, catalog, video, ui::find_cjk_font(), village.store->residents().display_text_sample()};
};

// SDL batches render commands until present: include it, or the rasterising is not timed.
void draw_and_present(Kiosk& k) {
  k.shell.render_frame();
  SDL_RenderPresent(k.video.renderer());
}

void BM_FrameHome1080p(benchmark::State& state) {
  Kiosk k;
  k.shell.render_frame();
  for (auto _ : state) draw_and_present(k);
}
BENCHMARK(BM_FrameHome1080p)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

void BM_FrameKeypad1080p(benchmark::State& state) {
  Kiosk k;
  k.app.dispatch({app::ActionKind::kOpenPoints, ""});
  k.shell.render_frame();
  for (auto _ : state) draw_and_present(k);
}
BENCHMARK(BM_FrameKeypad1080p)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

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
