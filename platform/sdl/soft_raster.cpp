#include "sdl/soft_raster.h"

#include <algorithm>
#include <cmath>

namespace vsk::platform {
namespace {

struct Rgba {
  std::uint32_t r, g, b, a;
};

Rgba unpack(std::uint32_t c) { return {c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF, c >> 24}; }

std::uint32_t xrgb(std::uint32_t r, std::uint32_t g, std::uint32_t b) { return (r << 16) | (g << 8) | b; }

void blend_pixel(std::uint32_t* d, const Rgba& s) {
  if (s.a == 0) return;
  if (s.a == 255) {
    *d = xrgb(s.r, s.g, s.b);
    return;
  }
  const std::uint32_t p = *d, ia = 255 - s.a;
  *d = xrgb(div255(s.r * s.a + ((p >> 16) & 0xFF) * ia), div255(s.g * s.a + ((p >> 8) & 0xFF) * ia),
            div255(s.b * s.a + (p & 0xFF) * ia));
}

// One colour over a run of pixels: the bulk of a frame (backgrounds, tiles, buttons).
void blend_span(std::uint32_t* d, int n, const Rgba& s) {
  if (n <= 0 || s.a == 0) return;
  if (s.a == 255) {
    std::fill_n(d, n, xrgb(s.r, s.g, s.b));
    return;
  }
  const std::uint32_t ia = 255 - s.a;
  const std::uint32_t sr = s.r * s.a, sg = s.g * s.a, sb = s.b * s.a;
  for (int i = 0; i < n; ++i) {
    const std::uint32_t p = d[i];
    d[i] = xrgb(div255(sr + ((p >> 16) & 0xFF) * ia), div255(sg + ((p >> 8) & 0xFF) * ia), div255(sb + (p & 0xFF) * ia));
  }
}

int texel_index(float t, int size) {
  const int i = static_cast<int>(std::floor(t * static_cast<float>(size)));
  return std::clamp(i, 0, size - 1);
}

// The vertex colour modulated by one texel (white where there is no texture).
Rgba modulate(const Rgba& c, const RasterTexture* tex, int tx, int ty) {
  if (!tex) return c;
  const std::uint8_t* t = tex->pixels + (static_cast<std::size_t>(ty) * tex->width + tx) * (tex->format == TextureFormat::kAlpha8 ? 1 : 4);
  if (tex->format == TextureFormat::kAlpha8) return {c.r, c.g, c.b, div255(c.a * t[0])};
  return {div255(c.r * t[0]), div255(c.g * t[1]), div255(c.b * t[2]), div255(c.a * t[3])};
}

Rgba sample(const Rgba& c, const RasterTexture* tex, float u, float v) {
  if (!tex) return c;
  return modulate(c, tex, texel_index(u, tex->width), texel_index(v, tex->height));
}

}  // namespace

IntRect IntRect::intersect(const IntRect& o) const {
  return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
}

int pixel_begin(float c) { return static_cast<int>(std::ceil(c - 0.5f)); }

void fill_rect(const Canvas& canvas, const IntRect& clip, std::uint32_t rgba) {
  const IntRect r = clip.intersect({0, 0, canvas.width, canvas.height});
  if (r.empty()) return;
  const Rgba s = unpack(rgba);
  for (int y = r.y0; y < r.y1; ++y)
    blend_span(canvas.pixels + static_cast<std::size_t>(y) * canvas.stride + r.x0, r.x1 - r.x0, s);
}

void draw_rect(const Canvas& canvas, const IntRect& clip, const RectPrim& in, const RasterTexture* tex) {
  RectPrim q = in;
  if (q.x1 < q.x0) {
    std::swap(q.x0, q.x1);
    std::swap(q.u0, q.u1);
  }
  if (q.y1 < q.y0) {
    std::swap(q.y0, q.y1);
    std::swap(q.v0, q.v1);
  }
  const IntRect r = IntRect{pixel_begin(q.x0), pixel_begin(q.y0), pixel_begin(q.x1), pixel_begin(q.y1)}
                        .intersect(clip)
                        .intersect({0, 0, canvas.width, canvas.height});
  if (r.empty()) return;
  const Rgba c = unpack(q.rgba);
  // Untextured, or every pixel on one texel (ImGui's white pixel): one colour for the rectangle.
  if (!tex || (q.u0 == q.u1 && q.v0 == q.v1)) {
    const Rgba s = sample(c, tex, q.u0, q.v0);
    for (int y = r.y0; y < r.y1; ++y)
      blend_span(canvas.pixels + static_cast<std::size_t>(y) * canvas.stride + r.x0, r.x1 - r.x0, s);
    return;
  }
  // Texture coordinates at pixel centres; nearest texel.
  const float du = (q.u1 - q.u0) / (q.x1 - q.x0), dv = (q.v1 - q.v0) / (q.y1 - q.y0);
  constexpr int kMaxColumns = 8192;
  int columns[kMaxColumns];
  const int n = std::min(r.x1 - r.x0, kMaxColumns);
  for (int i = 0; i < n; ++i)
    columns[i] = texel_index(q.u0 + (static_cast<float>(r.x0 + i) + 0.5f - q.x0) * du, tex->width);
  for (int y = r.y0; y < r.y1; ++y) {
    const int ty = texel_index(q.v0 + (static_cast<float>(y) + 0.5f - q.y0) * dv, tex->height);
    std::uint32_t* d = canvas.pixels + static_cast<std::size_t>(y) * canvas.stride + r.x0;
    if (tex->format == TextureFormat::kAlpha8) {
      // Glyphs: the colour stays, the texel is coverage.
      const std::uint8_t* row = tex->pixels + static_cast<std::size_t>(ty) * tex->width;
      for (int i = 0; i < n; ++i) {
        const std::uint32_t t = row[columns[i]];
        if (t == 0) continue;
        blend_pixel(d + i, {c.r, c.g, c.b, c.a == 255 ? t : div255(c.a * t)});
      }
    } else {
      for (int i = 0; i < n; ++i) blend_pixel(d + i, modulate(c, tex, columns[i], ty));
    }
  }
}

namespace {

// Where the edge from `a` to `b` (a above b) crosses the row centre `yc`. Called with the
// same endpoints in the same order from both triangles that share an edge, so both get the
// same bits and no pixel on the edge is drawn twice or skipped.
float edge_x(const RasterVertex& a, const RasterVertex& b, float yc) {
  return a.x + (yc - a.y) * (b.x - a.x) / (b.y - a.y);
}

bool above(const RasterVertex& a, const RasterVertex& b) { return a.y < b.y || (a.y == b.y && a.x < b.x); }

// f(x, y) = f0 + dx * (x - x0) + dy * (y - y0) over the triangle.
struct Plane {
  float f0, dx, dy;
  float at(float x, float y, float x0, float y0) const { return f0 + dx * (x - x0) + dy * (y - y0); }
};

Plane plane(const RasterVertex& p0, const RasterVertex& p1, const RasterVertex& p2, float f0, float f1, float f2,
            float inv_det) {
  const float ax = p1.x - p0.x, ay = p1.y - p0.y, bx = p2.x - p0.x, by = p2.y - p0.y;
  return {f0, ((f1 - f0) * by - (f2 - f0) * ay) * inv_det, ((f2 - f0) * ax - (f1 - f0) * bx) * inv_det};
}

std::uint32_t channel(float f) { return static_cast<std::uint32_t>(std::clamp(f, 0.0f, 255.0f) + 0.5f); }

}  // namespace

void draw_triangle(const Canvas& canvas, const IntRect& clip_in, const RasterVertex& a, const RasterVertex& b,
                   const RasterVertex& c, const RasterTexture* tex) {
  const float det = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
  if (det == 0.0f || !std::isfinite(det)) return;
  const IntRect clip = clip_in.intersect({0, 0, canvas.width, canvas.height});
  if (clip.empty()) return;

  const RasterVertex* v[3] = {&a, &b, &c};
  std::sort(v, v + 3, [](const RasterVertex* p, const RasterVertex* q) { return above(*p, *q); });
  const RasterVertex &top = *v[0], &mid = *v[1], &bot = *v[2];
  const int y_begin = std::max(clip.y0, pixel_begin(top.y));
  const int y_end = std::min(clip.y1, pixel_begin(bot.y));
  if (y_begin >= y_end) return;

  const bool one_colour = a.rgba == b.rgba && b.rgba == c.rgba;
  const bool one_texel = !tex || (a.u == b.u && b.u == c.u && a.v == b.v && b.v == c.v);
  const Rgba ca = unpack(a.rgba), cb = unpack(b.rgba), cc = unpack(c.rgba);
  const float inv = 1.0f / det;
  Plane pr{}, pg{}, pb{}, pa{}, pu{}, pv{};
  if (!one_colour) {
    pr = plane(a, b, c, static_cast<float>(ca.r), static_cast<float>(cb.r), static_cast<float>(cc.r), inv);
    pg = plane(a, b, c, static_cast<float>(ca.g), static_cast<float>(cb.g), static_cast<float>(cc.g), inv);
    pb = plane(a, b, c, static_cast<float>(ca.b), static_cast<float>(cb.b), static_cast<float>(cc.b), inv);
    pa = plane(a, b, c, static_cast<float>(ca.a), static_cast<float>(cb.a), static_cast<float>(cc.a), inv);
  }
  if (!one_texel) {
    pu = plane(a, b, c, a.u, b.u, c.u, inv);
    pv = plane(a, b, c, a.v, b.v, c.v, inv);
  }
  const Rgba flat = one_texel ? sample(ca, tex, a.u, a.v) : ca;

  for (int y = y_begin; y < y_end; ++y) {
    const float yc = static_cast<float>(y) + 0.5f;
    const float x_long = edge_x(top, bot, yc);
    const float x_short = yc < mid.y ? edge_x(top, mid, yc) : edge_x(mid, bot, yc);
    const int x_begin = std::max(clip.x0, pixel_begin(std::min(x_long, x_short)));
    const int x_end = std::min(clip.x1, pixel_begin(std::max(x_long, x_short)));
    if (x_begin >= x_end) continue;
    std::uint32_t* d = canvas.pixels + static_cast<std::size_t>(y) * canvas.stride;
    if (one_colour && one_texel) {
      blend_span(d + x_begin, x_end - x_begin, flat);
      continue;
    }
    for (int x = x_begin; x < x_end; ++x) {
      const float xc = static_cast<float>(x) + 0.5f;
      Rgba s = ca;
      if (!one_colour)
        s = {channel(pr.at(xc, yc, a.x, a.y)), channel(pg.at(xc, yc, a.x, a.y)), channel(pb.at(xc, yc, a.x, a.y)),
             channel(pa.at(xc, yc, a.x, a.y))};
      if (one_texel) {
        if (tex) s = one_colour ? flat : sample(s, tex, a.u, a.v);
      } else {
        s = sample(s, tex, pu.at(xc, yc, a.x, a.y), pv.at(xc, yc, a.x, a.y));
      }
      blend_pixel(d + x, s);
    }
  }
}

}  // namespace vsk::platform
