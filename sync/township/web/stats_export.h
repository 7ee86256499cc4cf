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

// The date range and grouping asked for, with the defaults (this month and the two before).
StatsQuery stats_query(const PageContext& c, const StatsParams& p);
// The requests in scope filed within the query's dates.
std::vector<TownshipRequest> requests_filed(const PageContext& c, const StatsQuery& q);
StatsTable stats_table(const PageContext& c, const StatsParams& p);
std::string service_name(const PageContext& c, const std::string& id);
Data stats_page(const PageContext& c, const StatsParams& p, const std::string& query_string);
// 好差评 for the same date range, grouped by village and / or service (ratings_page.cpp).
Data ratings_page(const PageContext& c, const StatsParams& p);

std::string stats_csv(const PageContext& c, const StatsTable& t);
// Throws std::runtime_error when libxlsxwriter cannot write the workbook.
std::string stats_xlsx(const PageContext& c, const StatsTable& t);

}  // namespace vsk::township::web
