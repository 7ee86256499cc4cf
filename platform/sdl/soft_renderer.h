// ImGui's renderer backend on the CPU: the frame's draw lists are cut into rectangles and
// triangles, hashed into the damage tracker, and only the damaged part of the screen is
// rasterised (soft_raster.h) and presented. The font atlas stays alpha-only and is read from
// ImGui's own buffer: one copy, a quarter of RGBA.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sdl/damage_tracker.h"
#include "sdl/frame_renderer.h"
#include "sdl/presenter.h"
#include "sdl/soft_raster.h"

namespace vsk::platform {

class SoftRenderer final : public FrameRenderer {
 public:
  explicit SoftRenderer(std::unique_ptr<Presenter> presenter);
  ~SoftRenderer() override;

  std::string name() const override { return std::string("software/") + presenter_->name(); }
  bool software() const override { return true; }
  void output_size(int* w, int* h) const override;
  void attach_imgui() override;
  void detach_imgui() override;
  void upload_fonts() override;
  void release_fonts() override;
  ImTextureID create_texture(const std::uint8_t* rgba, int w, int h) override;
  void destroy_texture(ImTextureID texture) override;
  void render(ImDrawData* data, std::uint32_t clear_rgba) override;
  void present() override;
  bool read_pixels(std::vector<std::uint8_t>* rgba, int* w, int* h) override;
  std::int64_t last_drawn_pixels() const override { return drawn_pixels_; }
  void invalidate() override { damage_.invalidate(); }

  struct Texture;

 private:
  struct Prim;
  void collect(ImDrawData* data, const IntRect& screen);

  std::unique_ptr<Presenter> presenter_;
  DamageTracker damage_;
  std::unique_ptr<Texture> font_;
  std::uint64_t next_serial_ = 1;
  std::vector<Prim> prims_;
  std::vector<IntRect> last_damage_;
  Canvas last_canvas_;
  bool has_frame_ = false;
  std::int64_t drawn_pixels_ = 0;
};

}  // namespace vsk::platform
