#include "store/ledger_queries.h"

#include <map>

namespace vsk::store {

std::vector<DaibanRow> daiban_rows(db::Database& db, std::int64_t from, std::int64_t to) {
  auto st = db.prepare(R"sql(
    SELECT r.number, r.service_id, coalesce(res.name, ''), s.name, r.status, r.submitted_at,
           (SELECT min(e.at) FROM request_events e WHERE e.request_id = r.id AND e.to_status = 'completed'),
           (SELECT rt.level FROM request_ratings rt WHERE rt.request_id = r.id ORDER BY rt.at DESC, rt.id DESC LIMIT 1)
    FROM requests r JOIN staff s ON s.id = r.filed_by_staff_id LEFT JOIN residents res ON res.id = r.resident_id
    WHERE r.submitted_at >= ?1 AND r.submitted_at < ?2
    ORDER BY r.submitted_at, r.id)sql");
  st.bind(1, from).bind(2, to);
  std::vector<DaibanRow> out;
  while (st.step()) {
    DaibanRow r{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                st.column_int(5), std::nullopt, std::nullopt};
    if (!st.column_is_null(6)) r.completed_at = st.column_int(6);
    if (!st.column_is_null(7)) r.rating = static_cast<int>(st.column_int(7));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<ServiceMonthRow> service_month_rows(db::Database& db, std::int64_t from, std::int64_t to,
                                                const std::string& as_of) {
  // Completion dates in China time (+8 h) against the due date, which is a China date.
  auto st = db.prepare(R"sql(
    WITH done AS (SELECT request_id, min(at) AS at FROM request_events WHERE to_status = 'completed' GROUP BY request_id)
    SELECT r.service_id,
           sum(r.submitted_at >= ?1 AND r.submitted_at < ?2),
           sum(coalesce(d.at >= ?1 AND d.at < ?2, 0)),
           sum(coalesce(d.at >= ?1 AND d.at < ?2 AND date(d.at + 28800, 'unixepoch') <= r.due_date, 0)),
           sum(coalesce(d.at >= ?1 AND d.at < ?2 AND date(d.at + 28800, 'unixepoch') > r.due_date, 0)) +
             sum(d.at IS NULL AND r.status NOT IN ('rejected', 'cancelled') AND r.submitted_at < ?2 AND r.due_date < ?3)
    FROM requests r LEFT JOIN done d ON d.request_id = r.id
    WHERE r.submitted_at < ?2
    GROUP BY r.service_id ORDER BY r.service_id)sql");
  st.bind(1, from).bind(2, to).bind(3, as_of);
  std::map<std::string, ServiceMonthRow> rows;
  while (st.step()) {
    ServiceMonthRow r{st.column_text(0), st.column_int(1), st.column_int(2), st.column_int(3), st.column_int(4), 0, 0};
    if (r.received + r.completed + r.overdue > 0) rows[r.service_id] = r;
  }
  auto rt = db.prepare(
      "SELECT r.service_id, count(*), sum(rt.level) FROM request_ratings rt JOIN requests r ON r.id = rt.request_id"
      " WHERE rt.at >= ?1 AND rt.at < ?2 GROUP BY r.service_id");
  rt.bind(1, from).bind(2, to);
  while (rt.step()) {
    auto& r = rows[rt.column_text(0)];
    r.service_id = rt.column_text(0);
    r.ratings = rt.column_int(1);
    r.rating_sum = rt.column_int(2);
  }
  std::vector<ServiceMonthRow> out;
  for (auto& [id, r] : rows) out.push_back(r);
  return out;
}

}  // namespace vsk::store
