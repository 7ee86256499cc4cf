#include "sync/township/store/change_log.h"

namespace vsk::township {

std::vector<ChangeRow> ChangeLog::read(const SqlRows& rows) const {
  std::vector<ChangeRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back({r.integer(0), r.optional_integer(1), r.text(2), r.text(3), r.text(4), sealer_.open(r.text(5))});
  return out;
}

ChangeLog::ChangeLog(const Dialect& d, const PiiSealer& sealer)
    : sealer_(sealer),
      after_("SELECT id, village_id, scope, kind, key, payload FROM changes WHERE township_id = $1 AND id > $2 "
             "AND (village_id = $3 OR village_id IS NULL) AND " + d.in_scope("township_id", 5) +
             " ORDER BY id LIMIT $4"),
      sums_("SELECT scope, COUNT(*), SUM(id) FROM changes WHERE township_id = $1 AND id <= $2 "
            "AND (village_id = $3 OR village_id IS NULL) AND " + d.in_scope("township_id", 4) + " GROUP BY scope"),
      by_key_("SELECT id, village_id, scope, kind, key, payload FROM changes WHERE township_id = $1 AND scope = $2 "
              "AND key = $3 AND " + d.in_scope("township_id", 4) + " ORDER BY id") {}

std::int64_t ChangeLog::add(Tx& tx, const NewChange& c) {
  const auto head = tx.query_one(
      "INSERT INTO change_heads(township_id, last_id) VALUES ($1, 1) "
      "ON CONFLICT (township_id) DO UPDATE SET last_id = change_heads.last_id + 1 RETURNING last_id",
      {c.township_id});
  const std::int64_t id = head->integer(0);
  tx.exec("INSERT INTO changes(township_id, id, village_id, scope, kind, key, payload, at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {c.township_id, id, c.village_id, c.scope, c.kind, c.key,
           sealed_scope(c.scope) ? sealer_.seal(c.payload) : c.payload, c.at});
  return id;
}

std::vector<ChangeRow> ChangeLog::after(Tx& tx, std::int64_t township_id, std::int64_t village_id, std::int64_t cursor,
                                        int limit) {
  return read(tx.query(after_, {township_id, cursor, village_id, limit, tx.scope_param()}));
}

std::map<std::string, std::pair<std::int64_t, std::int64_t>> ChangeLog::scope_sums(Tx& tx, std::int64_t township_id,
                                                                                   std::int64_t village_id,
                                                                                   std::int64_t cursor) {
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& r : tx.query(sums_, {township_id, cursor, village_id, tx.scope_param()}))
    out[r.text(0)] = {r.integer(1), r.integer(2)};
  return out;
}

std::vector<ChangeRow> ChangeLog::by_key(Tx& tx, std::int64_t township_id, const std::string& scope,
                                         const std::string& key) {
  return read(tx.query(by_key_, {township_id, scope, key, tx.scope_param()}));
}

}  // namespace vsk::township
