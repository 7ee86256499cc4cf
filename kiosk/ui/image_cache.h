// Pictures under assets/ (points shop goods) as renderer textures, loaded once on first use.
// A missing or unreadable file gives no texture; the screen draws a plain mark instead.
#pragma once

#include <imgui.h>

#include <map>
#include <string>

#include "sdl/frame_renderer.h"

namespace vsk::ui {

class ImageCache {
 public:
  ImageCache(platform::FrameRenderer& renderer, std::string assets_dir)
      : renderer_(renderer), assets_dir_(std::move(assets_dir)) {}
  ~ImageCache() { clear(); }
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;
  void set_assets_dir(std::string dir) { assets_dir_ = std::move(dir); }

  // The texture of assets/<relative_path>, or nullptr.
  ImTextureID get(const std::string& relative_path);
  // Frees every texture (they are loaded again on use).
  void clear();

 private:
  platform::FrameRenderer& renderer_;
  std::string assets_dir_;
  std::map<std::string, ImTextureID> textures_;  // nullptr entries: failed, not retried
};

}  // namespace vsk::ui
