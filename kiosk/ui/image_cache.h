// Pictures under assets/ (points shop goods) as renderer textures, loaded once on first use.
// A missing or unreadable file gives no texture; the screen draws a plain mark instead.
#pragma once

#include <imgui.h>

#include <map>
#include <string>

struct SDL_Renderer;
struct SDL_Texture;

namespace vsk::ui {

class ImageCache {
 public:
  ImageCache(SDL_Renderer* renderer, std::string assets_dir)
      : renderer_(renderer), assets_dir_(std::move(assets_dir)) {}
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;
  void set_assets_dir(std::string dir) { assets_dir_ = std::move(dir); }

  // The texture of assets/<relative_path>, or nullptr.
  ImTextureID get(const std::string& relative_path);

 private:
  SDL_Renderer* renderer_;
  std::string assets_dir_;
  std::map<std::string, SDL_Texture*> textures_;  // nullptr entries: failed, not retried
};

}  // namespace vsk::ui
