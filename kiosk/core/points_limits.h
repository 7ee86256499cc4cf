// The range of one points entry's delta, wherever it comes from: a rule in rules.json, an
// award at the kiosk, or an entry published by the township. A number outside is refused,
// never wrapped (a delta of 1e300 once arrived at kiosks as INT64_MIN).
#pragma once

#include <cstdint>

namespace vsk::core {

inline constexpr std::int64_t kMaxPointsDelta = 1000;

}  // namespace vsk::core
