// The monthly ledgers the township asks for (issue 11), as rows: 代办台账 (requests filed on a
// resident's behalf) and 月度办件统计 (per service). Times are unix seconds; [from, to).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite_db.h"

namespace vsk::store {

struct DaibanRow {
  std::string number, service_id, resident_name, staff_name, status;
  std::int64_t submitted_at = 0;
  std::optional<std::int64_t> completed_at;
  std::optional<int> rating;  // the latest
};

struct ServiceMonthRow {
  std::string service_id;
  std::int64_t received = 0;   // submitted in the month
  std::int64_t completed = 0;  // completed in the month
  std::int64_t on_time = 0;    // ...by their due date
  std::int64_t overdue = 0;    // completed late in the month, or still open past due at its end
  std::int64_t ratings = 0;    // given in the month
  std::int64_t rating_sum = 0;
};

// `as_of`: the date ("YYYY-MM-DD", due dates are dates) at which open requests past due count as
// overdue: the month's last date, or today for the current month.
std::vector<DaibanRow> daiban_rows(db::Database& db, std::int64_t from, std::int64_t to);
std::vector<ServiceMonthRow> service_month_rows(db::Database& db, std::int64_t from, std::int64_t to,
                                                const std::string& as_of);

// The same queries as a store handed out by KioskStore (the connection stays private there).
class LedgerQueries {
 public:
  explicit LedgerQueries(db::Database& db) : db_(db) {}
  std::vector<DaibanRow> daiban(std::int64_t from, std::int64_t to) { return daiban_rows(db_, from, to); }
  std::vector<ServiceMonthRow> service_month(std::int64_t from, std::int64_t to, const std::string& as_of) {
    return service_month_rows(db_, from, to, as_of);
  }

 private:
  db::Database& db_;
};

}  // namespace vsk::store
