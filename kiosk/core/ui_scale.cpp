#include "core/ui_scale.h"

#include <algorithm>
#include <cmath>

namespace vsk::core {

float mm_to_px(float mm, float dpi) { return mm / 25.4f * dpi; }
float px_to_mm(float px, float dpi) { return px * 25.4f / dpi; }

float large_mode_body_px(float normal_body_px, float dpi) {
  const float by_scale = normal_body_px * kLargeTextScale;
  const float by_target = mm_to_px(kMinTargetMm, dpi) / kSmallestTargetEm;
  const float by_main = mm_to_px(kMainButtonMm, dpi) / kMainButtonEm;
  return std::ceil(std::max({by_scale, by_target, by_main}));
}

namespace {
double channel(std::uint8_t v) {
  const double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
}  // namespace

double relative_luminance(Rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

double contrast_ratio(Rgb a, Rgb b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace vsk::core
