#include "sdl/soft_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace vsk::platform {

static_assert(sizeof(RasterVertex) == sizeof(ImDrawVert));
static_assert(offsetof(ImDrawVert, pos) == offsetof(RasterVertex, x));
static_assert(offsetof(ImDrawVert, uv) == offsetof(RasterVertex, u));
static_assert(offsetof(ImDrawVert, col) == offsetof(RasterVertex, rgba));

struct SoftRenderer::Texture {
  RasterTexture raster;
  std::vector<std::uint8_t> owned;  // pictures; the font atlas stays in ImGui's buffer
  std::uint64_t serial = 0;          // new for every upload: the damage hash sees new pixels
};

struct SoftRenderer::Prim {
  IntRect bbox;  // the pixels it may touch: clip and screen applied
  IntRect clip;
  const RasterTexture* tex = nullptr;
  bool is_rect = false;
  RectPrim rect{};
  RasterVertex tri[3]{};
  std::uint64_t hash = 0;
};

namespace {

// ImGui's PrimRect / PrimRectUV: corners a, b, c, d clockwise from the top-left, indices
// (a b c) (a c d), one colour, texture coordinates along the axes.
bool as_rect(const RasterVertex& a, const RasterVertex& b, const RasterVertex& c, const RasterVertex& d, RectPrim* out) {
  if (a.y != b.y || b.x != c.x || c.y != d.y || d.x != a.x) return false;
  if (a.rgba != b.rgba || a.rgba != c.rgba || a.rgba != d.rgba) return false;
  if (a.v != b.v || b.u != c.u || c.v != d.v || d.u != a.u) return false;
  *out = {a.x, a.y, c.x, c.y, a.u, a.v, c.u, c.v, a.rgba};
  return true;
}

bool finite(const RasterVertex& v) { return std::isfinite(v.x) && std::isfinite(v.y); }

IntRect triangle_bbox(const RasterVertex& a, const RasterVertex& b, const RasterVertex& c) {
  return {static_cast<int>(std::floor(std::min({a.x, b.x, c.x}))), static_cast<int>(std::floor(std::min({a.y, b.y, c.y}))),
          static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}))), static_cast<int>(std::ceil(std::max({a.y, b.y, c.y})))};
}

// What decides a primitive's pixels: its geometry, texture (by serial) and clip.
struct PrimKey {
  IntRect clip;
  std::uint64_t serial;
  RasterVertex v[3];
};

}  // namespace

SoftRenderer::SoftRenderer(std::unique_ptr<Presenter> presenter) : presenter_(std::move(presenter)) {}

SoftRenderer::~SoftRenderer() = default;

void SoftRenderer::output_size(int* w, int* h) const { presenter_->size(w, h); }

void SoftRenderer::attach_imgui() {
  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "vsk_soft_renderer";
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

void SoftRenderer::detach_imgui() {
  ImGuiIO& io = ImGui::GetIO();
  release_fonts();
  io.BackendRendererName = nullptr;
  io.BackendFlags &= ~ImGuiBackendFlags_RendererHasVtxOffset;
}

void SoftRenderer::upload_fonts() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas->GetTexDataAsAlpha8(&pixels, &w, &h);
  if (!font_) font_ = std::make_unique<Texture>();
  font_->raster = {TextureFormat::kAlpha8, w, h, pixels};
  font_->serial = next_serial_++;
  atlas->SetTexID(static_cast<ImTextureID>(font_.get()));
}

void SoftRenderer::release_fonts() {
  ImGui::GetIO().Fonts->SetTexID(nullptr);
  if (font_) font_->raster.pixels = nullptr;
}

ImTextureID SoftRenderer::create_texture(const std::uint8_t* rgba, int w, int h) {
  if (!rgba || w <= 0 || h <= 0) return nullptr;
  auto* t = new Texture;
  t->owned.assign(rgba, rgba + static_cast<std::size_t>(w) * h * 4);
  t->raster = {TextureFormat::kRgba32, w, h, t->owned.data()};
  t->serial = next_serial_++;
  return static_cast<ImTextureID>(t);
}

void SoftRenderer::destroy_texture(ImTextureID texture) { delete static_cast<Texture*>(texture); }

void SoftRenderer::collect(ImDrawData* data, const IntRect& screen) {
  prims_.clear();
  const ImVec2 off = data->DisplayPos;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;  // we register none (ImGui's ResetRenderState needs nothing here)
      // Scissor as ImGui's GPU backends do it: truncated to whole pixels.
      const float cx0 = std::max(0.0f, cmd.ClipRect.x - off.x), cy0 = std::max(0.0f, cmd.ClipRect.y - off.y);
      const float cx1 = std::min(static_cast<float>(screen.x1), cmd.ClipRect.z - off.x);
      const float cy1 = std::min(static_cast<float>(screen.y1), cmd.ClipRect.w - off.y);
      if (cx1 <= cx0 || cy1 <= cy0) continue;
      IntRect clip{static_cast<int>(cx0), static_cast<int>(cy0), 0, 0};
      clip.x1 = clip.x0 + static_cast<int>(cx1 - cx0);
      clip.y1 = clip.y0 + static_cast<int>(cy1 - cy0);
      clip = clip.intersect(screen);
      if (clip.empty()) continue;
      const auto* tex_obj = static_cast<const Texture*>(cmd.GetTexID());
      const RasterTexture* tex = tex_obj && tex_obj->raster.pixels ? &tex_obj->raster : nullptr;
      const std::uint64_t serial = tex ? tex_obj->serial : 0;
      const auto* vtx = reinterpret_cast<const RasterVertex*>(list->VtxBuffer.Data + cmd.VtxOffset);
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      const unsigned count = cmd.ElemCount;
      for (unsigned i = 0; i + 2 < count;) {
        Prim p;
        p.clip = clip;
        p.tex = tex;
        PrimKey key{clip, serial, {}};
        if (i + 5 < count && idx[i + 3] == idx[i] && idx[i + 4] == idx[i + 2] &&
            as_rect(vtx[idx[i]], vtx[idx[i + 1]], vtx[idx[i + 2]], vtx[idx[i + 5]], &p.rect)) {
          p.is_rect = true;
          const RectPrim& r = p.rect;
          p.bbox = IntRect{pixel_begin(std::min(r.x0, r.x1)), pixel_begin(std::min(r.y0, r.y1)),
                           pixel_begin(std::max(r.x0, r.x1)), pixel_begin(std::max(r.y0, r.y1))}
                       .intersect(clip);
          key.v[0] = vtx[idx[i]];
          key.v[1] = vtx[idx[i + 2]];
          key.v[2].rgba = 0xFFFFFFFFu;  // marks a rectangle
          i += 6;
        } else {
          const RasterVertex &a = vtx[idx[i]], &b = vtx[idx[i + 1]], &c = vtx[idx[i + 2]];
          i += 3;
          if (!finite(a) || !finite(b) || !finite(c)) continue;
          p.tri[0] = a;
          p.tri[1] = b;
          p.tri[2] = c;
          p.bbox = triangle_bbox(a, b, c).intersect(clip);
          key.v[0] = a;
          key.v[1] = b;
          key.v[2] = c;
        }
        if (p.bbox.empty()) continue;
        p.hash = hash_bytes(&key, sizeof key, 0);
        prims_.push_back(p);
      }
    }
  }
}

void SoftRenderer::render(ImDrawData* data, std::uint32_t clear_rgba) {
  int w = 0, h = 0;
  presenter_->size(&w, &h);
  if (w != damage_.width() || h != damage_.height()) damage_.resize(w, h);
  const IntRect screen{0, 0, w, h};
  collect(data, screen);
  damage_.begin_frame(clear_rgba);
  for (const Prim& p : prims_) damage_.add(p.bbox, p.hash);
  last_damage_.clear();
  drawn_pixels_ = 0;
  if (!damage_.end_frame()) return;  // looks exactly like the last frame: the buffer already shows it

  const PresentTarget target = presenter_->acquire();
  const Canvas& canvas = target.canvas;
  if (!canvas.pixels) return;
  const std::vector<IntRect>& rects = damage_.rects_for_age(target.age);
  for (const IntRect& r : rects) {
    fill_rect(canvas, r, clear_rgba | 0xFF000000u);
    for (const Prim& p : prims_) {
      const IntRect clip = p.clip.intersect(r);
      if (!p.bbox.overlaps(r) || clip.empty()) continue;
      if (p.is_rect)
        draw_rect(canvas, clip, p.rect, p.tex);
      else
        draw_triangle(canvas, clip, p.tri[0], p.tri[1], p.tri[2], p.tex);
    }
  }
  last_damage_ = rects;
  last_canvas_ = canvas;
  has_frame_ = true;
  drawn_pixels_ = damage_.damaged_pixels();
}

void SoftRenderer::present() {
  if (last_damage_.empty()) return;
  presenter_->present(last_damage_);
  last_damage_.clear();
}

bool SoftRenderer::read_pixels(std::vector<std::uint8_t>* rgba, int* w, int* h) {
  if (!has_frame_) return false;
  const Canvas& c = last_canvas_;
  *w = c.width;
  *h = c.height;
  rgba->resize(static_cast<std::size_t>(c.width) * c.height * 4);
  std::uint8_t* out = rgba->data();
  for (int y = 0; y < c.height; ++y) {
    const std::uint32_t* row = c.pixels + static_cast<std::size_t>(y) * c.stride;
    for (int x = 0; x < c.width; ++x, out += 4) {
      const std::uint32_t p = row[x];
      out[0] = static_cast<std::uint8_t>(p >> 16);
      out[1] = static_cast<std::uint8_t>(p >> 8);
      out[2] = static_cast<std::uint8_t>(p);
      out[3] = 255;
    }
  }
  return true;
}

}  // namespace vsk::platform
