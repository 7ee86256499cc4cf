// The tables the township asks villages for (issue 11), laid out as village offices keep
// them: the resident roll (花名册; it re-imports with nothing changed), the monthly 代办台账,
// 月度办件统计 per service, and 积分月报 per grid and rule. Written by write_table (.xlsx/.csv).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/table_file.h"
#include "app/translations.h"
#include "core/catalog.h"
#include "core/points.h"
#include "store/kiosk_store.h"

namespace vsk::app {

struct Month {
  std::string label;      // "2026-11"
  std::string last_date;  // "2026-11-30"
  std::int64_t from = 0;  // 00:00 China time on the 1st
  std::int64_t to = 0;    // ...of the next month
};

std::optional<Month> parse_month(const std::string& yyyy_mm);
Month month_of(std::int64_t unix_seconds);

// Active residents by household (head first), in the import's own column order; ID numbers
// in full, as text cells: this is the clerk's roll, and its export is audited.
Table roll_table(store::KioskStore& store);
Table daiban_table(store::KioskStore& store, const core::Catalog& catalog, const Translations& tr, const Month& m);
// Overdue: completed late in the month, or still open past its due date as of the month's end
// or `today` ("YYYY-MM-DD"), whichever comes first.
Table requests_table(store::KioskStore& store, const core::Catalog& catalog, const Month& m, const std::string& today);
Table points_table(store::KioskStore& store, const core::PointsRules& rules, const Month& m);

}  // namespace vsk::app
