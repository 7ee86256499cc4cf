// The national 好差评 five-level scale and the reason tags offered for each level.
#pragma once

#include <string_view>
#include <vector>

namespace vsk::core {

inline constexpr int kRatingLevels = 5;  // 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意

// Tag ids (translated as "rate.tag.<id>") a resident may tick for a level.
inline std::vector<std::string_view> rating_tags(int level) {
  if (level >= 4) return {"fast", "friendly", "clear", "no_trips"};
  if (level == 3) return {"slow_wait", "unclear", "partly_solved"};
  return {"too_slow", "unfriendly", "too_many_materials", "not_solved", "many_trips"};
}

inline bool is_bad_rating(int level) { return level <= 2; }

}  // namespace vsk::core
