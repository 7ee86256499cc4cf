// 好差评 as plain rules: the villages' ratings (1 非常不满意 .. 5 非常满意, the kiosk's scale)
// grouped by village and / or service, with the share of good ones (4-5) and the count of
// bad ones (差评, 1-2, which the village must call back), and the list of the bad ones.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/rating.h"
#include "sync/township/store/request_store.h"

namespace vsk::township::web {

struct RatingRow {
  std::string village, service_id;  // "" where not grouped
  std::array<std::int64_t, core::kRatingLevels> levels{};  // levels[0]: rated 1 ... levels[4]: rated 5
  std::int64_t rated() const;
  std::int64_t bad() const;
  std::optional<int> good_percent() const;  // rated 4 or 5, of those rated; nullopt with none
};

// Rated requests filed within [from, to] (China dates), by (village, service) as asked; the
// last row is the total.
std::vector<RatingRow> rating_stats(const std::vector<TownshipRequest>& requests, core::Date from, core::Date to,
                                    bool by_village, bool by_service);
// The 差评 among them, newest filing first.
std::vector<TownshipRequest> bad_ratings(const std::vector<TownshipRequest>& requests, core::Date from, core::Date to);

}  // namespace vsk::township::web
