// 办件统计 as files: CSV with a UTF-8 byte order mark (so Excel on a township PC reads the
// Chinese right) and .xlsx through libxlsxwriter. Both hold exactly the page's table.
#pragma once

#include <optional>
#include <string>

#include "sync/township/web/pages.h"
#include "sync/township/web/request_stats.h"

namespace vsk::township::web {

// What the page and the exports were asked for (query parameters from, to, by_*).
struct StatsParams {
  std::optional<core::Date> from, to;
  bool by_village = true, by_service = true, by_month = true;
};

struct StatsTable {
  StatsQuery query;
  std::vector<StatsRow> rows;
  StatsRow total;
};

StatsTable stats_table(const PageContext& c, const StatsParams& p);
std::string service_name(const PageContext& c, const std::string& id);
Data stats_page(const PageContext& c, const StatsParams& p, const std::string& query_string);

std::string stats_csv(const PageContext& c, const StatsTable& t);
// Throws std::runtime_error when libxlsxwriter cannot write the workbook.
std::string stats_xlsx(const PageContext& c, const StatsTable& t);

}  // namespace vsk::township::web
