// A small CPU rasteriser for Dear ImGui's geometry: axis-aligned rectangles (ImGui's PrimRect
// and glyph quads, solid or textured) and general triangles (rounded corners, anti-aliased
// fringes, circles), into a 32-bit XRGB8888 canvas, clipped to an integer rectangle.
//
// Why our own: SDL's software renderer spends ~30 ns a pixel on ImGui's triangles (an
// intermediate surface per blended triangle) and truncates vertices to whole pixels. This one
// follows GPU rules: a pixel belongs to a shape when its centre is inside (top-left rule on
// shared edges, so a fan of triangles covers each pixel once), colours and texture coordinates
// are interpolated at pixel centres, textures are sampled nearest (SDL's default scale mode),
// and blending is src*a + dst*(1-a) rounded to nearest.
#pragma once

#include <cstdint>

namespace vsk::platform {

// Same layout as ImDrawVert (pos, uv, col with R in the low byte) so draw lists are read in
// place; soft_renderer.cpp checks the layout with static_asserts.
struct RasterVertex {
  float x, y;
  float u, v;
  std::uint32_t rgba;  // IM_COL32: r | g << 8 | b << 16 | a << 24
};

struct IntRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) x [y0, y1)
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  IntRect intersect(const IntRect& o) const;
  bool overlaps(const IntRect& o) const { return !intersect(o).empty(); }
};

// Pixels are 0x00RRGGBB in memory order B, G, R, X (SDL_PIXELFORMAT_XRGB8888, wl_shm XRGB8888,
// X11 24-bit TrueColor).
struct Canvas {
  std::uint32_t* pixels = nullptr;
  int stride = 0;  // in pixels
  int width = 0, height = 0;
};

enum class TextureFormat : std::uint8_t { kAlpha8, kRgba32 };

struct RasterTexture {
  TextureFormat format = TextureFormat::kAlpha8;
  int width = 0, height = 0;
  const std::uint8_t* pixels = nullptr;  // rows of width texels, 1 or 4 bytes each
};

// The first pixel whose centre lies at or after coordinate `c`: pixels [begin(a), begin(b))
// are the ones with centres in [a, b).
int pixel_begin(float c);

void fill_rect(const Canvas& canvas, const IntRect& clip, std::uint32_t rgba);

// An axis-aligned rectangle from (x0, y0) to (x1, y1) with texture coordinates (u0, v0) at the
// top-left and (u1, v1) at the bottom-right and one colour. `tex` null means untextured.
struct RectPrim {
  float x0, y0, x1, y1;
  float u0, v0, u1, v1;
  std::uint32_t rgba;
};
void draw_rect(const Canvas& canvas, const IntRect& clip, const RectPrim& r, const RasterTexture* tex);

void draw_triangle(const Canvas& canvas, const IntRect& clip, const RasterVertex& a, const RasterVertex& b,
                   const RasterVertex& c, const RasterTexture* tex);

// Exact round(x / 255) for x in [0, 255 * 255].
inline std::uint32_t div255(std::uint32_t x) {
  x += 128;
  return (x + (x >> 8)) >> 8;
}

}  // namespace vsk::platform
