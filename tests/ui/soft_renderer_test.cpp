// The software renderer on real ImGui frames: drawing only the damage gives exactly the
// pixels of a whole redraw (with one buffer and with buffers that come back two frames old),
// an unchanged frame draws nothing, and the result stays close to SDL's software renderer,
// which drew the kiosk before.
#include "sdl/soft_renderer.h"

#include <SDL.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdlib>
#include <memory>
#include <vector>

using namespace vsk::platform;

namespace {

constexpr int kW = 400, kH = 300;

// Buffers in turn, like Wayland shm: `count` 1 is a single persistent buffer.
class RingPresenter final : public Presenter {
 public:
  explicit RingPresenter(int count) : buffers_(count, std::vector<std::uint32_t>(kW * kH, 0x00123456)), age_(count, 0) {}
  const char* name() const override { return "test-ring"; }
  void size(int* w, int* h) const override {
    *w = kW;
    *h = kH;
  }
  PresentTarget acquire() override {
    const int i = next_;
    next_ = (next_ + 1) % static_cast<int>(buffers_.size());
    PresentTarget t{{buffers_[i].data(), kW, kW, kH}, age_[i] ? frame_ + 1 - age_[i] : 0};
    age_[i] = ++frame_;
    return t;
  }
  void present(const std::vector<IntRect>&) override {}

 private:
  std::vector<std::vector<std::uint32_t>> buffers_;
  std::vector<int> age_;
  int next_ = 0, frame_ = 0;
};

struct ImGuiFixture : ::testing::Test {
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kW, kH);
    io.DeltaTime = 1.0f / 60;
    io.Fonts->AddFontDefault();
    io.Fonts->Build();
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // A frame with what the kiosk draws: rounded buttons, text, lines, a circle, half-transparent
  // overlay, a picture. `step` moves and recolours some of it.
  ImDrawData* frame(int step, ImTextureID picture) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kW, kH));
    ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(10.3f, 10.6f), ImVec2(190.2f, 90.7f), IM_COL32(21, 101, 192, 255), 12.0f);
    dl->AddRectFilled(ImVec2(210, 10), ImVec2(390, 90), step % 2 ? IM_COL32(191, 54, 12, 255) : IM_COL32(46, 125, 50, 255),
                      12.0f);
    dl->AddRect(ImVec2(20, 120), ImVec2(180, 170), IM_COL32(120, 120, 120, 255), 8.0f, 0, 2.5f);
    dl->AddCircleFilled(ImVec2(260.0f + static_cast<float>(step) * 7.3f, 150), 22.5f, IM_COL32(255, 193, 7, 255));
    dl->AddLine(ImVec2(20, 200), ImVec2(380, 230.5f), IM_COL32(33, 33, 33, 255), 3.0f);
    dl->AddText(ImVec2(30, 40), IM_COL32_WHITE, step == 2 ? "Changed text" : "Village kiosk 123");
    dl->AddImageRounded(picture, ImVec2(300, 240), ImVec2(380, 290), ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, 6.0f);
    dl->AddRectFilled(ImVec2(0, 250), ImVec2(200, 300), IM_COL32(0, 0, 0, 110));
    ImGui::End();
    ImGui::Render();
    return ImGui::GetDrawData();
  }

  std::vector<std::uint8_t> checker() {
    std::vector<std::uint8_t> px(8 * 8 * 4);
    for (int i = 0; i < 64; ++i) {
      const bool on = ((i % 8) + (i / 8)) % 2;
      px[i * 4] = on ? 200 : 20;
      px[i * 4 + 1] = 90;
      px[i * 4 + 2] = on ? 30 : 220;
      px[i * 4 + 3] = 255;
    }
    return px;
  }

  std::vector<std::uint8_t> pixels(SoftRenderer& r) {
    std::vector<std::uint8_t> out;
    int w = 0, h = 0;
    EXPECT_TRUE(r.read_pixels(&out, &w, &h));
    return out;
  }
};

using SoftRendererTest = ImGuiFixture;

}  // namespace

TEST_F(SoftRendererTest, DamagedFramesEqualAWholeRedraw) {
  for (int buffers : {1, 2, 3}) {
    SoftRenderer damaged(std::make_unique<RingPresenter>(buffers));
    damaged.attach_imgui();
    damaged.upload_fonts();
    const auto pic = checker();
    ImTextureID tex = damaged.create_texture(pic.data(), 8, 8);
    std::int64_t partial = 0;
    for (int step : {0, 1, 2, 3, 2, 2, 1}) {
      damaged.render(frame(step, tex), IM_COL32(246, 243, 238, 255));
      damaged.present();
      if (damaged.last_drawn_pixels() > 0 && damaged.last_drawn_pixels() < kW * kH) ++partial;
    }
    EXPECT_GT(partial, 2) << "later frames should draw only part of the screen";
    const auto got = pixels(damaged);
    damaged.destroy_texture(tex);
    damaged.detach_imgui();

    SoftRenderer whole(std::make_unique<RingPresenter>(1));
    whole.attach_imgui();
    whole.upload_fonts();
    ImTextureID tex2 = whole.create_texture(pic.data(), 8, 8);
    whole.render(frame(1, tex2), IM_COL32(246, 243, 238, 255));
    EXPECT_EQ(whole.last_drawn_pixels(), kW * kH);
    const auto want = pixels(whole);
    whole.destroy_texture(tex2);
    whole.detach_imgui();
    ASSERT_EQ(got.size(), want.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < got.size(); ++i) differ += got[i] != want[i];
    EXPECT_EQ(differ, 0u) << "with " << buffers << " buffer(s)";
  }
}

TEST_F(SoftRendererTest, UnchangedFrameDrawsNothingAndNewFontAtlasDrawsAll) {
  SoftRenderer r(std::make_unique<RingPresenter>(1));
  r.attach_imgui();
  r.upload_fonts();
  const auto pic = checker();
  ImTextureID tex = r.create_texture(pic.data(), 8, 8);
  r.render(frame(0, tex), IM_COL32(246, 243, 238, 255));
  EXPECT_EQ(r.last_drawn_pixels(), kW * kH);
  r.render(frame(0, tex), IM_COL32(246, 243, 238, 255));
  EXPECT_EQ(r.last_drawn_pixels(), 0);
  r.release_fonts();
  r.upload_fonts();  // a rebuilt atlas: same geometry, other texels
  r.render(frame(0, tex), IM_COL32(246, 243, 238, 255));
  EXPECT_GT(r.last_drawn_pixels(), kW * kH / 2);
  r.destroy_texture(tex);
  r.detach_imgui();
}

TEST_F(SoftRendererTest, StaysCloseToSdlsSoftwareRenderer) {
  // Ours: pixel centres and exact coverage. SDL's: vertices truncated to whole pixels. The
  // shapes' edges may move by a pixel; everything else must match.
  SoftRenderer ours(std::make_unique<RingPresenter>(1));
  ours.attach_imgui();
  ours.upload_fonts();
  const auto pic = checker();
  ImTextureID tex = ours.create_texture(pic.data(), 8, 8);
  ours.render(frame(0, tex), IM_COL32(246, 243, 238, 255));
  const auto mine = pixels(ours);
  ours.destroy_texture(tex);
  ImTextureID font_id = ImGui::GetIO().Fonts->TexID;
  ours.detach_imgui();

  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, kW, kH, 32, SDL_PIXELFORMAT_ABGR8888);
  SDL_Renderer* sdl = SDL_CreateSoftwareRenderer(surface);
  ASSERT_NE(sdl, nullptr);
  ImGui_ImplSDLRenderer_Init(sdl);
  ImGui_ImplSDLRenderer_CreateFontsTexture();
  ImTextureID sdl_font = ImGui::GetIO().Fonts->TexID;
  SDL_Texture* sdl_pic = SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, 8, 8);
  SDL_UpdateTexture(sdl_pic, nullptr, pic.data(), 32);
  SDL_SetTextureBlendMode(sdl_pic, SDL_BLENDMODE_BLEND);
  ImGui::GetIO().Fonts->SetTexID(font_id);
  ImDrawData* dd = frame(0, tex);
  for (int n = 0; n < dd->CmdListsCount; ++n)
    for (ImDrawCmd& c : dd->CmdLists[n]->CmdBuffer) c.TextureId = c.TextureId == tex ? sdl_pic : sdl_font;
  SDL_SetRenderDrawColor(sdl, 246, 243, 238, 255);
  SDL_RenderClear(sdl);
  ImGui_ImplSDLRenderer_RenderDrawData(dd);
  SDL_RenderPresent(sdl);
  std::vector<std::uint8_t> theirs(kW * kH * 4);
  SDL_RenderReadPixels(sdl, nullptr, SDL_PIXELFORMAT_ABGR8888, theirs.data(), kW * 4);
  ImGui_ImplSDLRenderer_Shutdown();
  SDL_DestroyTexture(sdl_pic);
  SDL_DestroyRenderer(sdl);
  SDL_FreeSurface(surface);

  int same = 0, near = 0;
  for (int i = 0; i < kW * kH; ++i) {
    int d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(mine[i * 4 + c] - theirs[i * 4 + c]));
    same += d <= 2;
    near += d <= 48;
  }
  EXPECT_GT(same, kW * kH * 90 / 100) << "identical (within rounding) almost everywhere";
  EXPECT_GT(near, kW * kH * 94 / 100) << "and close where edges moved";
}
