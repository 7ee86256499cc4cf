// 办件统计 as plain rules: the township's requests grouped by any of village, service and
// month (of filing, China time), with received, completed, returned, overdue, on-time %
// and 代办 share. The page, the CSV and the .xlsx all show this one table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "sync/township/store/request_store.h"

namespace vsk::township::web {

struct StatsQuery {
  core::Date from;  // filing date, inclusive
  core::Date to;    // inclusive
  bool by_village = true;
  bool by_service = true;
  bool by_month = true;
};

struct StatsRow {
  std::string village, service_id, month;  // "" where not grouped
  std::int64_t received = 0, completed = 0, returned = 0, overdue = 0, on_time = 0, on_behalf = 0;
  // Completed on or before the promised date, of those completed; nullopt with none completed.
  std::optional<int> on_time_percent() const;
  std::optional<int> on_behalf_percent() const;
};

// Requests filed within [from, to]; `today` decides "overdue" for open ones.
std::vector<StatsRow> request_stats(const std::vector<TownshipRequest>& requests, const StatsQuery& q,
                                    const core::Date& today);
// The sum of every row (the table's last line).
StatsRow stats_total(const std::vector<StatsRow>& rows);

}  // namespace vsk::township::web
