// Sizes and colours for elder-friendly access (适老化), as plain numbers so they can be tested
// without a screen: millimetres at the configured DPI, large-mode text size, WCAG contrast.
#pragma once

#include <cstdint>

namespace vsk::core {

inline constexpr float kDefaultDpi = 96.0f;
inline constexpr float kLargeTextScale = 1.5f;  // large mode: text at least 1.5x
inline constexpr float kMainButtonMm = 15.0f;   // main buttons at least 15 mm high
inline constexpr float kMinTargetMm = 10.0f;    // every touch target at least 10 mm
// The UI sizes everything in multiples of the body font size (em). The smallest target it
// draws is a header button, 1.8 em high; main buttons (next, confirm, footer) are 2.6 em.
inline constexpr float kSmallestTargetEm = 1.8f;
inline constexpr float kMainButtonEm = 2.6f;

float mm_to_px(float mm, float dpi);
float px_to_mm(float px, float dpi);
// Body font size in large mode: 1.5x the normal size, and larger still if the screen's
// pixels are so small that the targets would fall below 10 mm / 15 mm.
float large_mode_body_px(float normal_body_px, float dpi);

struct Rgb {
  std::uint8_t r, g, b;
};
// WCAG 2.x relative luminance (sRGB) and contrast ratio (1..21).
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);
inline constexpr double kMinTextContrast = 4.5;

}  // namespace vsk::core
