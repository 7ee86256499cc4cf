// The kiosk's fonts: a CJK font from a Debian package, rasterised only for the glyphs in use
// (UI strings + data shown). A full CJK range costs ~70-440 MB and seconds at kiosk sizes;
// the glyphs in use fit a small atlas. Text with a new glyph marks the atlas for a rebuild
// between frames.
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace vsk::ui {

// The first font file that exists among the Debian CJK font packages' paths.
std::string find_cjk_font(const std::string& preferred = "");

class FontSet {
 public:
  FontSet(std::string font_path, float body_px) : path_(std::move(font_path)), body_px_(body_px) {}

  // Adds the characters of `text` to the set to cover; returns true if any were new.
  bool require(std::string_view text);
  bool needs_rebuild() const { return dirty_; }
  // Large mode: one atlas at the new size replaces the old one (not both kept): the atlas
  // stays as small as the glyphs in use need. Takes effect at the next build().
  void set_body_px(float px) {
    if (px != body_px_) dirty_ = true;
    body_px_ = px;
  }
  // Builds ImGui's atlas (ImGui context must exist). The renderer texture is the caller's job.
  void build();

  ImFont* body() const { return body_; }
  ImFont* title() const { return title_; }
  float body_px() const { return body_px_; }
  std::size_t glyph_count() const { return codepoints_.count(); }
  int atlas_width() const;
  int atlas_height() const;

 private:
  std::string path_;
  float body_px_;
  std::bitset<0x10000> codepoints_;  // the Basic Multilingual Plane covers every CJK glyph we show
  bool dirty_ = true;
  ImFont* body_ = nullptr;
  ImFont* title_ = nullptr;
  std::vector<unsigned short> ranges_;
  std::vector<char> font_file_;  // read once, shared by every size (ImGui would copy it per size)  // ImWchar ranges; the atlas keeps a pointer to them
};

// Decodes UTF-8 into code points (invalid bytes are skipped).
std::vector<unsigned> utf8_codepoints(std::string_view text);

}  // namespace vsk::ui
