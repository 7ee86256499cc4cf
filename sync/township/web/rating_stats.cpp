#include "sync/township/web/rating_stats.h"

#include <algorithm>
#include <map>
#include <utility>

namespace vsk::township::web {
namespace {

bool filed_within(const TownshipRequest& r, core::Date from, core::Date to) {
  if (r.submitted_at <= 0) return false;
  const core::Date filed = core::date_of(r.submitted_at);
  return !(filed < from) && !(to < filed);
}

bool rated(const TownshipRequest& r) { return r.rating && *r.rating >= 1 && *r.rating <= core::kRatingLevels; }

}  // namespace

std::int64_t RatingRow::rated() const {
  std::int64_t n = 0;
  for (const auto v : levels) n += v;
  return n;
}

std::int64_t RatingRow::bad() const { return levels[0] + levels[1]; }

std::optional<int> RatingRow::good_percent() const {
  const std::int64_t n = rated();
  if (n == 0) return std::nullopt;
  return static_cast<int>(((levels[3] + levels[4]) * 100 + n / 2) / n);
}

std::vector<RatingRow> rating_stats(const std::vector<TownshipRequest>& requests, core::Date from, core::Date to,
                                    bool by_village, bool by_service) {
  std::map<std::pair<std::string, std::string>, RatingRow> groups;
  RatingRow total;
  for (const auto& r : requests) {
    if (!rated(r) || !filed_within(r, from, to)) continue;
    const auto key = std::make_pair(by_village ? r.village : "", by_service ? r.service_id : "");
    RatingRow& g = groups[key];
    std::tie(g.village, g.service_id) = key;
    ++g.levels[static_cast<std::size_t>(*r.rating - 1)];
    ++total.levels[static_cast<std::size_t>(*r.rating - 1)];
  }
  std::vector<RatingRow> out;
  for (auto& [key, row] : groups) out.push_back(std::move(row));
  out.push_back(total);
  return out;
}

std::vector<TownshipRequest> bad_ratings(const std::vector<TownshipRequest>& requests, core::Date from, core::Date to) {
  std::vector<TownshipRequest> out;
  for (const auto& r : requests)
    if (rated(r) && core::is_bad_rating(static_cast<int>(*r.rating)) && filed_within(r, from, to)) out.push_back(r);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.submitted_at > b.submitted_at; });
  return out;
}

}  // namespace vsk::township::web
