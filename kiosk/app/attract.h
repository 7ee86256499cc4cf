// The attract screen's timing: after the idle time on an empty home screen the kiosk cycles
// pinned notices (and the points red board) until someone touches it.
#pragma once

#include <cstdint>

namespace vsk::app {

inline constexpr std::int64_t kAttractSlideMs = 8'000;  // long enough to read a title and a few lines

// The slide on screen `elapsed_ms` after the attract screen started (0 with no slides).
int attract_slide(std::int64_t elapsed_ms, int slides, std::int64_t slide_ms = kAttractSlideMs);

// Seconds shown on the idle prompt with `remaining_ms` left before the reset (rounded up, so
// the count reaches 1, never 0, while the prompt is up).
int idle_prompt_seconds(std::int64_t remaining_ms);

}  // namespace vsk::app
