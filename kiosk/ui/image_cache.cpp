#include "ui/image_cache.h"

#include <SDL.h>
#include <stb_image.h>

namespace vsk::ui {

ImageCache::~ImageCache() {
  for (auto& [path, tex] : textures_)
    if (tex) SDL_DestroyTexture(tex);
}

ImTextureID ImageCache::get(const std::string& relative_path) {
  if (relative_path.empty() || relative_path.find("..") != std::string::npos) return nullptr;
  if (auto it = textures_.find(relative_path); it != textures_.end()) return it->second;
  SDL_Texture* tex = nullptr;
  int w = 0, h = 0, channels = 0;
  const std::string full = assets_dir_ + "/" + relative_path;
  if (unsigned char* pixels = stbi_load(full.c_str(), &w, &h, &channels, 4)) {
    tex = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
    if (tex) {
      SDL_UpdateTexture(tex, nullptr, pixels, w * 4);
      SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    }
    stbi_image_free(pixels);
  }
  textures_[relative_path] = tex;
  return tex;
}

}  // namespace vsk::ui
