#include "app/attract.h"

namespace vsk::app {

int attract_slide(std::int64_t elapsed_ms, int slides, std::int64_t slide_ms) {
  if (slides <= 0 || slide_ms <= 0 || elapsed_ms < 0) return 0;
  return static_cast<int>((elapsed_ms / slide_ms) % slides);
}

int idle_prompt_seconds(std::int64_t remaining_ms) {
  if (remaining_ms <= 0) return 0;
  return static_cast<int>((remaining_ms + 999) / 1000);
}

}  // namespace vsk::app
