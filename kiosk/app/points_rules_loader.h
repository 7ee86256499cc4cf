// Reads the points rules (assets/points/rules.json; the township updates it by sync later).
// Strict like the catalog loader: unknown keys, wrong types, duplicate ids, unknown categories,
// zero points and bad limits are errors naming the JSON path (rules[3].points: ...).
//
// Shape: { "version": 1,
//          "categories": [ {"id": "autonomy", "zh-CN": "自治", "en": "Self-government"} ],
//          "rules": [ { "id", "category", "name": {"zh-CN","en"}, "points": 5 (or -5),
//                       "applies_to": "person"|"household", "evidence": "签到表",
//                       "max_per_month": 4 (0 = no limit) } ] }
#pragma once

#include <string>

#include "core/points.h"

namespace vsk::app {

// Throws std::runtime_error("<path>: <what>") when the file cannot be read or is invalid.
core::PointsRules load_points_rules(const std::string& path);
core::PointsRules parse_points_rules(const std::string& json_text);

}  // namespace vsk::app
