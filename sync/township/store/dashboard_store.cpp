#include "sync/township/store/dashboard_store.h"

#include <map>

namespace vsk::township {

DashboardStore::DashboardStore(const Dialect& d)
    : notices_(d),
      villages_("SELECT v.id, v.name, t.name, t.id FROM places v JOIN places t ON t.id = v.township_id "
                "WHERE v.kind = 'village' AND " + d.in_scope("v.township_id", 1) + " ORDER BY t.name, v.name"),
      devices_("SELECT village_id, COUNT(*), MAX(last_contact), SUM(pending_reported), "
               "MAX(CASE WHEN clock_skew_s < 0 THEN -clock_skew_s ELSE COALESCE(clock_skew_s, 0) END) "
               "FROM devices WHERE revoked_at IS NULL AND " + d.in_scope("township_id", 1) + " GROUP BY village_id"),
      requests_("SELECT village_id, "
                "SUM(CASE WHEN status IN ('completed', 'rejected', 'cancelled') THEN 0 ELSE 1 END), "
                "SUM(CASE WHEN status = 'escalated' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN status NOT IN ('completed', 'rejected', 'cancelled', 'waiting_resident') "
                "AND due_date <> '' AND due_date < $2 THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN rating <= 2 AND callback_at IS NULL THEN 1 ELSE 0 END) "
                "FROM requests WHERE " + d.in_scope("township_id", 1) + " GROUP BY village_id"),
      refused_("SELECT d.village_id, COUNT(*) FROM ops o JOIN devices d ON d.id = o.device_id "
               "WHERE o.outcome = 'rejected' AND " + d.in_scope("o.township_id", 1) + " GROUP BY d.village_id"),
      filed_("SELECT t.name, v.name, r.village_id, r.number, r.service_id, r.status, r.department, r.updated_at, "
             "r.submitted_at, r.due_date, r.on_behalf, r.closed_at, r.rating, r.callback_at "
             "FROM requests r JOIN places v ON v.id = r.village_id JOIN places t ON t.id = r.township_id "
             "WHERE r.submitted_at >= $2 AND r.submitted_at < $3 AND " + d.in_scope("r.township_id", 1) +
             " ORDER BY t.name, v.name, r.number") {}

std::optional<PublicStatus> DashboardStore::public_status(Tx& tx, const std::string& number,
                                                          const std::string& token_hash) {
  if (token_hash.empty()) return std::nullopt;
  const auto r = tx.query_one(
      "SELECT r.service_id, r.status, r.due_date, r.updated_at, "
      "(SELECT MAX(d.last_contact) FROM devices d WHERE d.village_id = r.village_id) "
      "FROM requests r WHERE r.status_token_hash = $1 AND r.number = $2 AND " + tx.dialect().in_scope("r.township_id", 3),
      {token_hash, number, tx.scope_param()});
  if (!r) return std::nullopt;
  return PublicStatus{r->text(0), r->text(1), r->text(2), r->integer(3), r->optional_integer(4)};
}

std::vector<TownshipRequest> DashboardStore::filed_between(Tx& tx, std::int64_t from, std::int64_t to) {
  std::vector<TownshipRequest> out;
  for (const auto& r : tx.query(filed_, {tx.scope_param(), from, to})) {
    TownshipRequest q;
    q.township = r.text(0);
    q.village = r.text(1);
    q.village_id = r.integer(2);
    q.number = r.text(3);
    q.service_id = r.text(4);
    q.status = r.text(5);
    q.department = r.text(6);
    q.updated_at = r.integer(7);
    q.submitted_at = r.integer(8);
    q.due_date = r.text(9);
    q.on_behalf = r.integer(10) != 0;
    q.closed_at = r.optional_integer(11);
    q.rating = r.optional_integer(12);
    q.callback_at = r.optional_integer(13);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<VillageFigures> DashboardStore::villages(Tx& tx, const std::string& today) {
  std::vector<VillageFigures> out;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& r : tx.query(villages_, {tx.scope_param()})) {
    index[r.integer(0)] = out.size();
    VillageFigures v;
    v.id = r.integer(0);
    v.name = r.text(1);
    v.township = r.text(2);
    v.township_id = r.integer(3);
    out.push_back(std::move(v));
  }
  auto row = [&](const SqlRow& r) -> VillageFigures* {
    const auto it = index.find(r.integer(0));
    return it == index.end() ? nullptr : &out[it->second];
  };
  for (const auto& r : tx.query(devices_, {tx.scope_param()}))
    if (auto* v = row(r)) {
      v->kiosks = r.integer(1);
      v->last_contact = r.optional_integer(2);
      v->pending = r.integer(3);
      v->max_clock_skew_s = r.integer(4);
    }
  for (const auto& r : tx.query(requests_, {tx.scope_param(), today}))
    if (auto* v = row(r)) {
      v->open = r.integer(1);
      v->escalated = r.integer(2);
      v->overdue = r.integer(3);
      v->bad_ratings = r.integer(4);
    }
  for (const auto& r : tx.query(refused_, {tx.scope_param()}))
    if (auto* v = row(r)) v->refused_ops = r.integer(1);
  std::map<std::int64_t, std::int64_t> township_of;
  for (const auto& v : out) township_of[v.id] = v.township_id;
  for (auto& [village, last] : notices_.newest(tx, township_of))
    if (const auto it = index.find(village); it != index.end()) out[it->second].notices = std::move(last);
  return out;
}

}  // namespace vsk::township
