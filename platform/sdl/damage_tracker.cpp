#include "sdl/damage_tracker.h"

#include <algorithm>
#include <cstring>

namespace vsk::platform {

std::uint64_t hash_mix(std::uint64_t h) {
  // MurmurHash3's 64-bit finaliser: every input bit reaches every output bit.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

std::uint64_t hash_bytes(const void* data, std::size_t size, std::uint64_t seed) {
  const auto* p = static_cast<const unsigned char*>(data);
  std::uint64_t h = seed ^ (size * 0x9E3779B97F4A7C15ULL);
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ hash_mix(w)) * 0x9E3779B97F4A7C15ULL;
  }
  if (i < size) {
    std::uint64_t w = 0;
    std::memcpy(&w, p + i, size - i);
    h = (h ^ hash_mix(w)) * 0x9E3779B97F4A7C15ULL;
  }
  return hash_mix(h);
}

void DamageTracker::resize(int width, int height) {
  width_ = std::max(0, width);
  height_ = std::max(0, height);
  cols_ = (width_ + kTile - 1) / kTile;
  rows_ = (height_ + kTile - 1) / kTile;
  const std::size_t n = static_cast<std::size_t>(cols_) * rows_;
  current_.assign(n, 0);
  previous_.assign(n, 0);
  for (auto& h : history_) h.assign(n, 1);
  wanted_.assign(n, 0);
  history_frames_ = 0;
  valid_ = false;
}

void DamageTracker::begin_frame(std::uint64_t seed) { std::fill(current_.begin(), current_.end(), hash_mix(seed + 1)); }

void DamageTracker::add(const IntRect& bbox, std::uint64_t hash) {
  const IntRect r = bbox.intersect({0, 0, width_, height_});
  if (r.empty()) return;
  const int tx0 = r.x0 / kTile, tx1 = (r.x1 - 1) / kTile, ty0 = r.y0 / kTile, ty1 = (r.y1 - 1) / kTile;
  for (int ty = ty0; ty <= ty1; ++ty) {
    std::uint64_t* row = current_.data() + static_cast<std::size_t>(ty) * cols_;
    for (int tx = tx0; tx <= tx1; ++tx) row[tx] = hash_mix(row[tx] ^ hash);  // order matters, as in drawing
  }
}

bool DamageTracker::end_frame() {
  const std::size_t n = current_.size();
  bool changed = !valid_;
  for (std::size_t i = 0; i < n && !changed; ++i) changed = current_[i] != previous_[i];
  if (!changed) return false;
  // The oldest history entry falls off; the newest is this frame's change.
  for (int i = kMaxAge - 1; i > 0; --i) history_[i].swap(history_[i - 1]);
  std::vector<std::uint8_t>& now = history_[0];
  for (std::size_t i = 0; i < n; ++i) now[i] = !valid_ || current_[i] != previous_[i];
  history_frames_ = valid_ ? std::min(history_frames_ + 1, kMaxAge) : 1;
  current_.swap(previous_);
  valid_ = true;
  return true;
}

const std::vector<IntRect>& DamageTracker::rects_for_age(int age) {
  const std::size_t n = current_.size();
  const bool whole = age <= 0 || age > history_frames_;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint8_t w = whole ? 1 : 0;
    for (int a = 0; a < age && !w; ++a) w = history_[a][i];
    wanted_[i] = w;
  }

  // Runs of damaged tiles in each row, merged downwards with the run of the same columns in
  // the row above: a few rectangles for a frame, not one per tile.
  rects_.clear();
  std::vector<std::size_t> open, next_open;
  for (int ty = 0; ty < rows_; ++ty) {
    next_open.clear();
    const std::uint8_t* row = wanted_.data() + static_cast<std::size_t>(ty) * cols_;
    for (int tx = 0; tx < cols_;) {
      if (!row[tx]) {
        ++tx;
        continue;
      }
      int end = tx;
      while (end < cols_ && row[end]) ++end;
      const int x0 = tx * kTile, x1 = std::min(end * kTile, width_);
      const int y0 = ty * kTile, y1 = std::min((ty + 1) * kTile, height_);
      bool merged = false;
      for (std::size_t k : open) {
        IntRect& o = rects_[k];
        if (o.x0 == x0 && o.x1 == x1 && o.y1 == y0) {
          o.y1 = y1;
          next_open.push_back(k);
          merged = true;
          break;
        }
      }
      if (!merged) {
        rects_.push_back({x0, y0, x1, y1});
        next_open.push_back(rects_.size() - 1);
      }
      tx = end;
    }
    open.swap(next_open);
  }
  std::sort(rects_.begin(), rects_.end(), [](const IntRect& a, const IntRect& b) {
    return a.y0 != b.y0 ? a.y0 < b.y0 : a.x0 < b.x0;
  });
  return rects_;
}

std::int64_t DamageTracker::damaged_pixels() const {
  std::int64_t px = 0;
  for (const IntRect& r : rects_) px += static_cast<std::int64_t>(r.x1 - r.x0) * (r.y1 - r.y0);
  return px;
}

}  // namespace vsk::platform
