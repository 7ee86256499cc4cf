#include "ui/font_set.h"

#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace vsk::ui {
namespace {

// Debian packages fonts-wqy-microhei and fonts-noto-cjk.
const char* const kFontPaths[] = {
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
};

constexpr float kTitleScale = 1.4f;

}  // namespace

std::string find_cjk_font(const std::string& preferred) {
  if (!preferred.empty()) return std::filesystem::exists(preferred) ? preferred : "";
  for (const char* p : kFontPaths)
    if (std::filesystem::exists(p)) return p;
  return "";
}

std::vector<unsigned> utf8_codepoints(std::string_view s) {
  std::vector<unsigned> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned cp = 0;
    size_t n = 0;
    if (c < 0x80) { cp = c; n = 1; }
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; n = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; n = 3; }
    else if ((c >> 3) == 0x1E) { cp = c & 0x07; n = 4; }
    else { ++i; continue; }
    if (i + n > s.size()) break;
    bool ok = true;
    for (size_t k = 1; k < n; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) { ok = false; break; }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok) out.push_back(cp);
    i += ok ? n : 1;
  }
  return out;
}

bool FontSet::require(std::string_view text) {
  bool added = false;
  for (unsigned cp : utf8_codepoints(text)) {
    if (cp >= codepoints_.size() || cp < 0x20 || codepoints_.test(cp)) continue;
    codepoints_.set(cp);
    added = true;
  }
  dirty_ = dirty_ || added;
  return added;
}

void FontSet::build() {
  for (unsigned cp = 0x20; cp < 0x7F; ++cp) codepoints_.set(cp);  // ASCII always
  ImFontGlyphRangesBuilder builder;
  for (unsigned cp = 0; cp < codepoints_.size(); ++cp)
    if (codepoints_.test(cp)) builder.AddChar(static_cast<ImWchar>(cp));
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  ranges_.assign(ranges.begin(), ranges.end());

  if (font_file_.empty()) {
    // In one read of the file's size, not byte by byte through istreambuf_iterator (5 MB).
    std::ifstream in(path_, std::ios::binary | std::ios::ate);
    const std::streamsize size = in ? static_cast<std::streamsize>(in.tellg()) : 0;
    font_file_.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
    in.seekg(0);
    if (size <= 0 || !in.read(font_file_.data(), size)) font_file_.clear();
    if (font_file_.empty()) throw std::runtime_error("cannot read font " + path_);
  }
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;
  cfg.OversampleH = 1;  // CJK at large sizes needs no horizontal oversampling; halves the atlas
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  const int size = static_cast<int>(font_file_.size());
  body_ = atlas->AddFontFromMemoryTTF(font_file_.data(), size, body_px_, &cfg, ranges_.data());
  title_ = atlas->AddFontFromMemoryTTF(font_file_.data(), size, body_px_ * kTitleScale, &cfg, ranges_.data());
  if (!body_ || !title_) throw std::runtime_error("cannot load font " + path_);
  if (!atlas->Build()) throw std::runtime_error("cannot build the font atlas from " + path_);
  dirty_ = false;
}

int FontSet::atlas_width() const { return ImGui::GetIO().Fonts->TexWidth; }
int FontSet::atlas_height() const { return ImGui::GetIO().Fonts->TexHeight; }

}  // namespace vsk::ui
