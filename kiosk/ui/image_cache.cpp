#include "ui/image_cache.h"

#include <stb_image.h>

namespace vsk::ui {

void ImageCache::clear() {
  for (auto& [path, tex] : textures_)
    if (tex) renderer_.destroy_texture(tex);
  textures_.clear();
}

ImTextureID ImageCache::get(const std::string& relative_path) {
  if (relative_path.empty() || relative_path.find("..") != std::string::npos) return nullptr;
  if (auto it = textures_.find(relative_path); it != textures_.end()) return it->second;
  ImTextureID tex = nullptr;
  int w = 0, h = 0, channels = 0;
  const std::string full = assets_dir_ + "/" + relative_path;
  if (unsigned char* pixels = stbi_load(full.c_str(), &w, &h, &channels, 4)) {
    tex = renderer_.create_texture(pixels, w, h);
    stbi_image_free(pixels);
  }
  textures_[relative_path] = tex;
  return tex;
}

}  // namespace vsk::ui
