// The software rasteriser's rules: coverage by pixel centre, shared edges drawn once, blending
// rounded to nearest, textures sampled nearest at pixel centres, clipping.
#include "sdl/soft_raster.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace vsk::platform;

namespace {

constexpr std::uint32_t kWhite = 0xFFFFFFFFu;

struct Picture {
  int w, h;
  std::vector<std::uint32_t> px;
  Picture(int w_, int h_, std::uint32_t fill = 0) : w(w_), h(h_), px(static_cast<size_t>(w_) * h_, fill) {}
  Canvas canvas() { return {px.data(), w, w, h}; }
  std::uint32_t at(int x, int y) const { return px[static_cast<size_t>(y) * w + x]; }
  int count(std::uint32_t v) const {
    int n = 0;
    for (auto p : px) n += p == v;
    return n;
  }
};

std::uint32_t rgba(int r, int g, int b, int a) {
  return static_cast<std::uint32_t>(r) | (g << 8) | (b << 16) | (static_cast<std::uint32_t>(a) << 24);
}
const IntRect kAll{0, 0, 1 << 20, 1 << 20};

}  // namespace

TEST(SoftRaster, Div255RoundsToNearestEverywhere) {
  for (std::uint32_t x = 0; x <= 255 * 255; ++x) ASSERT_EQ(div255(x), (x * 2 + 255) / 510) << x;
}

TEST(SoftRaster, RectCoversPixelsWhoseCentresAreInside) {
  Picture p(10, 10);
  // Centres at 1.5 .. 4.5 lie in [1.2, 4.6): columns 1-4; rows: centres in [2.5, 3.5): row 2 only.
  draw_rect(p.canvas(), kAll, {1.2f, 2.5f, 4.6f, 3.5f, 0, 0, 0, 0, rgba(255, 0, 0, 255)}, nullptr);
  EXPECT_EQ(p.count(0x00FF0000), 4);
  for (int x = 1; x <= 4; ++x) EXPECT_EQ(p.at(x, 2), 0x00FF0000u) << x;
}

TEST(SoftRaster, BlendIsSourceOverRoundedToNearest) {
  Picture p(4, 4, 0x00FFFFFF);
  fill_rect(p.canvas(), {0, 0, 4, 4}, rgba(0, 0, 0, 128));
  // 255 * (127/255) = 127 exactly.
  EXPECT_EQ(p.at(0, 0), 0x007F7F7Fu);
  Picture q(1, 1, 0x00000000);
  fill_rect(q.canvas(), {0, 0, 1, 1}, rgba(255, 100, 3, 51));  // 20 % of each channel
  EXPECT_EQ(q.at(0, 0), (51u << 16) | (20u << 8) | 1u);
}

TEST(SoftRaster, TrianglesSharingAnEdgeDrawEachPixelOnce) {
  // A half-transparent fan over an odd polygon: double-drawn pixels would come out darker,
  // skipped ones stay white.
  Picture p(64, 64, 0x00FFFFFF);
  const RasterVertex centre{31.3f, 30.7f, 0, 0, rgba(0, 0, 0, 128)};
  std::vector<RasterVertex> ring;
  for (int i = 0; i < 17; ++i) {
    const float a = 6.2831853f * static_cast<float>(i) / 17.0f;
    ring.push_back({31.3f + 25.1f * std::cos(a), 30.7f + 24.3f * std::sin(a), 0, 0, rgba(0, 0, 0, 128)});
  }
  for (size_t i = 0; i < ring.size(); ++i)
    draw_triangle(p.canvas(), kAll, centre, ring[i], ring[(i + 1) % ring.size()], nullptr);
  int grey = 0, other = 0;
  for (auto v : p.px) {
    if (v == 0x007F7F7F) ++grey;
    else if (v != 0x00FFFFFF) ++other;
  }
  EXPECT_GT(grey, 1500);  // ~ pi * 25 * 24
  EXPECT_EQ(other, 0) << "some pixels were blended twice";
  // No hole inside: every pixel whose centre is within 20 px of the centre is grey.
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      const float dx = x + 0.5f - 31.3f, dy = y + 0.5f - 30.7f;
      if (dx * dx + dy * dy < 400) {
        ASSERT_EQ(p.at(x, y), 0x007F7F7Fu) << x << "," << y;
      }
    }
}

TEST(SoftRaster, TriangleInterpolatesColourAtPixelCentres) {
  // An anti-aliasing fringe: opaque on one side, transparent on the other, 4 px wide.
  Picture p(8, 2, 0x00000000);
  const RasterVertex a{0, 0, 0, 0, rgba(255, 255, 255, 255)}, b{8, 0, 0, 0, rgba(255, 255, 255, 0)},
      c{0, 2, 0, 0, rgba(255, 255, 255, 255)}, d{8, 2, 0, 0, rgba(255, 255, 255, 0)};
  draw_triangle(p.canvas(), kAll, a, b, d, nullptr);
  draw_triangle(p.canvas(), kAll, a, d, c, nullptr);
  // Alpha at x + 0.5 is 255 * (1 - (x + 0.5) / 8).
  for (int x = 0; x < 8; ++x) {
    const int expect = static_cast<int>(255.0f * (1.0f - (x + 0.5f) / 8.0f) + 0.5f);
    EXPECT_NEAR(static_cast<int>(p.at(x, 0) & 0xFF), expect, 1) << x;
    EXPECT_EQ(p.at(x, 0), p.at(x, 1));
  }
}

TEST(SoftRaster, GlyphQuadCopiesAlphaTexelsOneToOne) {
  // A 4x2 alpha texture drawn 1:1 at (3, 5) in white over black: the texels are the grey levels.
  const std::uint8_t texels[8] = {0, 64, 128, 255, 255, 128, 64, 0};
  const RasterTexture tex{TextureFormat::kAlpha8, 4, 2, texels};
  Picture p(10, 10);
  draw_rect(p.canvas(), kAll, {3, 5, 7, 7, 0, 0, 1, 1, kWhite}, &tex);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 4; ++x) {
      const std::uint32_t g = texels[y * 4 + x];
      EXPECT_EQ(p.at(3 + x, 5 + y), (g << 16) | (g << 8) | g) << x << "," << y;
    }
  EXPECT_EQ(p.at(2, 5), 0u);
  EXPECT_EQ(p.at(7, 5), 0u);
}

TEST(SoftRaster, RgbaTextureIsModulatedByTheVertexColour) {
  const std::uint8_t texels[4] = {200, 100, 50, 255};
  const RasterTexture tex{TextureFormat::kRgba32, 1, 1, texels};
  Picture p(2, 2);
  draw_rect(p.canvas(), kAll, {0, 0, 2, 2, 0, 0, 1, 1, rgba(255, 128, 255, 255)}, &tex);
  EXPECT_EQ(p.at(1, 1), (200u << 16) | (div255(100 * 128) << 8) | 50u);
}

TEST(SoftRaster, ClipRectLimitsEveryPrimitive) {
  Picture p(20, 20);
  const IntRect clip{5, 5, 10, 8};
  draw_rect(p.canvas(), clip, {0, 0, 20, 20, 0, 0, 0, 0, kWhite}, nullptr);
  const RasterVertex a{0, 0, 0, 0, kWhite}, b{20, 0, 0, 0, kWhite}, c{0, 20, 0, 0, kWhite};
  draw_triangle(p.canvas(), clip, a, b, c, nullptr);
  EXPECT_EQ(p.count(0x00FFFFFF), 5 * 3);
  EXPECT_EQ(p.at(5, 5), 0x00FFFFFFu);
  EXPECT_EQ(p.at(9, 7), 0x00FFFFFFu);
  EXPECT_EQ(p.at(10, 7), 0u);
}

TEST(SoftRaster, DegenerateAndOffscreenShapesDrawNothing) {
  Picture p(8, 8);
  const RasterVertex a{1, 1, 0, 0, kWhite}, b{5, 5, 0, 0, kWhite}, c{3, 3, 0, 0, kWhite};
  draw_triangle(p.canvas(), kAll, a, b, c, nullptr);  // on one line
  draw_rect(p.canvas(), kAll, {-50, -50, -10, -10, 0, 0, 0, 0, kWhite}, nullptr);
  draw_rect(p.canvas(), kAll, {2, 2, 2, 6, 0, 0, 0, 0, kWhite}, nullptr);  // zero width
  EXPECT_EQ(p.count(0), 64);
}
