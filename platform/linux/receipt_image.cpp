// Lays a Receipt out as the 80 mm slip image both the PNG printer and the ESC/POS raster mode
// send: text wrapped by Chinese typesetting rules, the QR code, rules between the parts.
#include "platform/printer.h"
#include "platform/qr.h"

#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace vsk::platform {

struct ReceiptRenderer::Font {
  std::vector<unsigned char> data;  // stbtt_fontinfo points into this; never resized after load
  stbtt_fontinfo info{};
};

namespace {

// 80 mm paper at 203 dpi: 576 printable dots, so one PNG pixel is one printer dot.
constexpr int kPaperWidth = 576;
constexpr int kSideMargin = 24;
constexpr int kContentWidth = kPaperWidth - 2 * kSideMargin;
constexpr int kTopMargin = 32;
constexpr int kBottomMargin = 48;  // room to tear the slip off
constexpr int kGap = 16;
constexpr int kLineGap = 6;

constexpr float kTitlePx = 40;
constexpr float kTextPx = 28;
constexpr float kLargePx = 48;
constexpr float kFooterPx = 24;

// About 40 mm: easy to scan; modules stay between 2 and 8 dots (8 dots = 1 mm).
constexpr int kQrTargetPx = 320;
constexpr int kQrQuietModules = 4;  // the QR spec's minimum white border

// ---- Text ------------------------------------------------------------------------------------

// Malformed UTF-8 becomes U+FFFD; controls other than '\n' become spaces (no glyph to draw).
std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    bool ok = len > 0 && i + static_cast<std::size_t>(len) <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      ok = (b & 0xC0) == 0x80;
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t kMinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && cp >= kMinForLen[len] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    if (!ok) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    out += (cp < 0x20 && cp != U'\n') || cp == 0x7F ? U' ' : cp;
    i += static_cast<std::size_t>(len);
  }
  return out;
}

bool is_cjk(char32_t c) {
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

// Chinese typesetting rules: closing punctuation never starts a line, opening never ends one.
bool no_break_before(char32_t c) { return std::u32string_view(U"，。、；：？！）》」』】〉”’…,.;:!?)]}%").find(c) != std::u32string_view::npos; }
bool no_break_after(char32_t c) { return std::u32string_view(U"（《「『【〈“‘([{").find(c) != std::u32string_view::npos; }

// Latin words break only at spaces; CJK text may break between any two characters.
bool can_break_before(std::u32string_view t, std::size_t i) {
  const char32_t prev = t[i - 1];
  const char32_t cur = t[i];
  if (no_break_before(cur) || no_break_after(prev)) return false;
  return prev == U' ' || is_cjk(prev) || is_cjk(cur);
}

struct Face {
  const stbtt_fontinfo* info;
  float scale;
  int ascent;       // pixels above the baseline
  int line_height;  // pixels from one baseline to the next
};

Face face_at(const stbtt_fontinfo& info, float px) {
  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
  const float scale = stbtt_ScaleForPixelHeight(&info, px);
  const auto px_of = [scale](int font_units) { return static_cast<int>(std::ceil(static_cast<float>(font_units) * scale)); };
  return {&info, scale, px_of(ascent), px_of(ascent - descent + gap)};
}

// Calls `f(glyph, pen_x)` for each glyph of `text`, with kerning; returns the total advance.
float walk_glyphs(const Face& face, std::u32string_view text, const std::function<void(int, float)>& f) {
  float pen = 0;
  int prev = 0;
  for (const char32_t c : text) {
    const int glyph = stbtt_FindGlyphIndex(face.info, static_cast<int>(c));
    if (prev != 0) pen += face.scale * static_cast<float>(stbtt_GetGlyphKernAdvance(face.info, prev, glyph));
    if (f) f(glyph, pen);
    int advance = 0, lsb = 0;
    stbtt_GetGlyphHMetrics(face.info, glyph, &advance, &lsb);
    pen += face.scale * static_cast<float>(advance);
    prev = glyph;
  }
  return pen;
}

float measure(const Face& face, std::u32string_view text) { return walk_glyphs(face, text, nullptr); }

std::u32string_view trim_spaces(std::u32string_view s) {
  while (!s.empty() && s.front() == U' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == U' ') s.remove_suffix(1);
  return s;
}

// End of the longest prefix of text[start..] that fits in `width`; at least one character, so
// a glyph wider than the paper still makes progress.
std::size_t fit_end(const Face& face, std::u32string_view text, std::size_t start, int width) {
  std::size_t end = start + 1;
  while (end < text.size() && measure(face, text.substr(start, end + 1 - start)) <= static_cast<float>(width)) ++end;
  return end;
}

// Where to cut a row that must end by `limit`: the last allowed break, or `limit` itself when a
// single word is wider than the paper.
std::size_t row_end(std::u32string_view text, std::size_t start, std::size_t limit) {
  for (std::size_t b = limit; b > start; --b)
    if (can_break_before(text, b)) return b;
  return limit;
}

void wrap_paragraph(const Face& face, std::u32string_view text, int width, std::vector<std::u32string>& rows) {
  if (trim_spaces(text).empty()) {
    rows.emplace_back();  // an empty line is a deliberate blank row
    return;
  }
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t limit = fit_end(face, text, start, width);
    const std::size_t end = limit == text.size() ? limit : row_end(text, start, limit);
    rows.emplace_back(trim_spaces(text.substr(start, end - start)));
    start = end;
    while (start < text.size() && text[start] == U' ') ++start;
  }
}

std::vector<std::u32string> wrap(const Face& face, const std::string& utf8, int width) {
  const std::u32string text = decode_utf8(utf8);
  std::vector<std::u32string> rows;
  std::size_t start = 0;
  for (std::size_t nl = text.find(U'\n'); nl != std::u32string::npos; nl = text.find(U'\n', start)) {
    wrap_paragraph(face, std::u32string_view(text).substr(start, nl - start), width, rows);
    start = nl + 1;
  }
  wrap_paragraph(face, std::u32string_view(text).substr(start), width, rows);
  return rows;
}

// ---- Drawing ---------------------------------------------------------------------------------

struct Canvas {
  int width;
  int height;
  std::vector<unsigned char> pixels;  // 8-bit gray, 255 = paper

  Canvas(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 255) {}

  // Overlapping glyph edges must not lighten each other: keep the darker value.
  void ink(int x, int y, unsigned char coverage) {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    unsigned char& p = pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
    p = std::min<unsigned char>(p, static_cast<unsigned char>(255 - coverage));
  }

  void fill(int x, int y, int w, int h) {
    for (int j = y; j < y + h; ++j)
      for (int i = x; i < x + w; ++i) ink(i, j, 255);
  }
};

void draw_glyph(Canvas& canvas, const Face& face, int glyph, int x, int baseline) {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  stbtt_GetGlyphBitmapBox(face.info, glyph, face.scale, face.scale, &x0, &y0, &x1, &y1);
  const int w = x1 - x0, h = y1 - y0;
  if (w <= 0 || h <= 0) return;  // spaces
  std::vector<unsigned char> bitmap(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  stbtt_MakeGlyphBitmap(face.info, bitmap.data(), w, h, w, face.scale, face.scale, glyph);
  for (int j = 0; j < h; ++j)
    for (int i = 0; i < w; ++i) canvas.ink(x + x0 + i, baseline + y0 + j, bitmap[static_cast<std::size_t>(j * w + i)]);
}

void draw_text(Canvas& canvas, const Face& face, std::u32string_view text, int x, int baseline) {
  walk_glyphs(face, text, [&](int glyph, float pen) {
    draw_glyph(canvas, face, glyph, x + static_cast<int>(std::lround(pen)), baseline);
  });
}

// ---- Layout ----------------------------------------------------------------------------------

// The receipt is laid out top to bottom as blocks of known height, so the canvas can be sized
// before anything is drawn.
struct Block {
  int height;
  std::function<void(Canvas&, int top)> draw;
};

void add_gap(std::vector<Block>& blocks, int height) { blocks.push_back({height, nullptr}); }

void add_text(std::vector<Block>& blocks, const Face& face, const std::string& utf8, bool center) {
  for (std::u32string& row : wrap(face, utf8, kContentWidth)) {
    const int width = static_cast<int>(std::ceil(measure(face, row)));
    const int x = center ? (kPaperWidth - width) / 2 : kSideMargin;
    blocks.push_back({face.line_height, [face, row = std::move(row), x](Canvas& c, int top) {
                        draw_text(c, face, row, x, top + face.ascent);
                      }});
  }
}

// A dashed rule, like the perforation-style separators on printed slips.
void add_rule(std::vector<Block>& blocks) {
  blocks.push_back({2 * kGap, [](Canvas& c, int top) {
                      for (int x = kSideMargin; x < kPaperWidth - kSideMargin; x += 12) c.fill(x, top + kGap - 1, 6, 2);
                    }});
}

void add_qr(std::vector<Block>& blocks, const std::string& text) {
  QrMatrix qr = encode_qr(text);
  const int span = qr.size + 2 * kQrQuietModules;
  const int module = std::clamp(kQrTargetPx / span, 2, 8);
  const int x0 = (kPaperWidth - span * module) / 2 + kQrQuietModules * module;
  blocks.push_back({span * module, [qr = std::move(qr), module, x0](Canvas& c, int top) {
                      const int y0 = top + kQrQuietModules * module;
                      for (int y = 0; y < qr.size; ++y)
                        for (int x = 0; x < qr.size; ++x)
                          if (qr.dark(x, y)) c.fill(x0 + x * module, y0 + y * module, module, module);
                    }});
}

std::vector<Block> layout(const stbtt_fontinfo& font, const Receipt& r) {
  std::vector<Block> blocks;
  add_gap(blocks, kTopMargin);
  if (!r.title.empty()) {
    add_text(blocks, face_at(font, kTitlePx), r.title, true);
    add_rule(blocks);
  }
  for (const ReceiptLine& line : r.lines) {
    add_text(blocks, face_at(font, line.large ? kLargePx : kTextPx), line.text, false);
    add_gap(blocks, kLineGap);
  }
  if (!r.qr_text.empty()) add_qr(blocks, r.qr_text);
  if (!r.footer.empty()) {
    add_rule(blocks);
    add_text(blocks, face_at(font, kFooterPx), r.footer, true);
  }
  add_gap(blocks, kBottomMargin);
  return blocks;
}

GrayImage render(const stbtt_fontinfo& font, const Receipt& r) {
  const std::vector<Block> blocks = layout(font, r);
  int height = 0;
  for (const Block& b : blocks) height += b.height;
  Canvas canvas(kPaperWidth, height);
  int top = 0;
  for (const Block& b : blocks) {
    if (b.draw) b.draw(canvas, top);
    top += b.height;
  }
  return GrayImage{canvas.width, canvas.height, std::move(canvas.pixels)};
}


// Face 0 of a .ttf or .ttc (wqy-microhei ships as a collection).
void load_font(const std::string& path, std::vector<unsigned char>& data, stbtt_fontinfo& info) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot read font " + path);
  // One read call: a CJK font is several megabytes, too slow to copy byte by byte.
  data.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size())))
    throw std::runtime_error("cannot read font " + path);
  // stb_truetype trusts the file; refuse what is obviously not a font before it reads past the end.
  const int offset = data.size() < 12 ? -1 : stbtt_GetFontOffsetForIndex(data.data(), 0);
  if (offset < 0 || stbtt_InitFont(&info, data.data(), offset) == 0) throw std::runtime_error("not a TrueType font: " + path);
}

}  // namespace

ReceiptRenderer::ReceiptRenderer(std::string font_path) : font_path_(std::move(font_path)) {}
ReceiptRenderer::~ReceiptRenderer() = default;
ReceiptRenderer::ReceiptRenderer(ReceiptRenderer&&) noexcept = default;
ReceiptRenderer& ReceiptRenderer::operator=(ReceiptRenderer&&) noexcept = default;

GrayImage ReceiptRenderer::render(const Receipt& r) {
  if (!font_) {
    auto font = std::make_unique<Font>();
    load_font(font_path_, font->data, font->info);
    font_ = std::move(font);
  }
  return vsk::platform::render(font_->info, r);
}

}  // namespace vsk::platform
