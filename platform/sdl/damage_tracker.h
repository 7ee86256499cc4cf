// Which parts of the screen changed since an earlier frame, from the geometry alone.
//
// The screen is cut into 32x32 tiles. Every primitive of a frame folds a hash of itself
// (vertices, texture, clip) into each tile its bounding box touches, in drawing order, so a
// tile's hash stands for exactly the drawing that produces its pixels. A tile whose hash
// differs from the previous frame's is damaged; only damaged tiles are drawn and presented.
// ImGui still builds the whole frame (1-2 ms), but a pressed button or a ticking clock
// repaints a few tiles instead of two million pixels.
//
// Presenters that cycle through buffers (Wayland shm) hand out a buffer that holds the frame
// of `age` frames ago (EGL_EXT_buffer_age's model); the damage for such a buffer is the union
// of the last `age` frames' damage.
#pragma once

#include <cstdint>
#include <vector>

#include "sdl/soft_raster.h"

namespace vsk::platform {

class DamageTracker {
 public:
  static constexpr int kTile = 32;
  static constexpr int kMaxAge = 3;  // older buffers are redrawn whole

  // A new screen size; the next frame is damaged everywhere.
  void resize(int width, int height);
  // The next frame is damaged everywhere (a texture changed under the same geometry, the
  // target lost its pixels).
  void invalidate() { valid_ = false; }

  // `seed` stands for what every tile shares (the clear colour).
  void begin_frame(std::uint64_t seed);
  // A primitive drawing (at most) into `bbox`, already clipped to the screen.
  void add(const IntRect& bbox, std::uint64_t hash);
  // Ends the frame; false when no tile changed, and then the frame does not count (it looks
  // exactly like the last one: nothing to draw, nothing to present, buffer ages unchanged).
  bool end_frame();
  // After end_frame() returned true: the rectangles to draw into a buffer holding the frame
  // of `age` frames ago (0: unknown contents), disjoint, top to bottom.
  const std::vector<IntRect>& rects_for_age(int age);

  std::int64_t damaged_pixels() const;
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  int width_ = 0, height_ = 0, cols_ = 0, rows_ = 0;
  std::vector<std::uint64_t> current_, previous_;
  // history_[0]: tiles that changed in the newest frame, history_[1] the frame before, ...
  std::vector<std::uint8_t> history_[kMaxAge];
  int history_frames_ = 0;  // how many entries of history_ are meaningful
  bool valid_ = false;      // previous_ describes what the last frame drew
  std::vector<std::uint8_t> wanted_;
  std::vector<IntRect> rects_;
};

// 64-bit hashing of primitives and the tile fold.
std::uint64_t hash_mix(std::uint64_t h);
std::uint64_t hash_bytes(const void* data, std::size_t size, std::uint64_t seed);

}  // namespace vsk::platform
