#include "sync/township/store/request_store.h"

#include <algorithm>
#include <deque>
#include <set>
#include <utility>

#include "crypto/blake2b.h"
#include "sync/township/store/multi_row.h"

namespace vsk::township {
namespace {

constexpr const char* kColumns =
    "SELECT t.name, v.name, r.village_id, r.number, r.service_id, r.status, r.department, r.detail, r.updated_at, "
    "r.submitted_at, r.due_date, r.on_behalf, r.closed_at, r.rating, r.callback_at "
    "FROM requests r JOIN places v ON v.id = r.village_id JOIN places t ON t.id = r.township_id ";

}  // namespace

TownshipRequest RequestStore::read(const SqlRow& r) const {
  return TownshipRequest{r.text(0),   r.text(1),           r.integer(2),   r.text(3),
                         r.text(4),   r.text(5),           r.text(6),      sealer_.open(r.text(7)),
                         r.integer(8), r.integer(9),       r.text(10),     r.integer(11) != 0,
                         r.optional_integer(12), r.optional_integer(13), r.optional_integer(14)};
}

std::string status_token_hash(std::string_view token) {
  return platform::blake2b256_hex("vsk-status-token:" + std::string(token));
}

RequestStore::RequestStore(const Dialect& d, const PiiSealer& sealer)
    : sealer_(sealer),
      find_(std::string(kColumns) + "WHERE r.village_id = $1 AND r.number = $2"),
      lock_(find_ + (d.kind == Dialect::Kind::kPostgres ? " FOR UPDATE OF r" : "")),
      with_status_(std::string(kColumns) + "WHERE r.status = $1 AND " + d.in_scope("r.township_id", 2) +
                   " ORDER BY r.updated_at, t.name, v.name, r.number") {}

void RequestStore::upsert(Tx& tx, const RequestUpdate& u) { upsert_all(tx, {&u, 1}); }

void RequestStore::upsert_all(Tx& tx, std::span<const RequestUpdate> updates) {
  using Key = std::pair<std::int64_t, std::string_view>;
  const auto key = [](const RequestUpdate* u) { return Key{u->village_id, u->number}; };
  // Order matters only between updates of one request, and PostgreSQL refuses a statement
  // that updates one row twice: so runs of distinct requests, applied run after run. Inside a
  // run the order is free: sorted (a fixed lock order) and grouped by how they close.
  for (std::size_t i = 0; i < updates.size();) {
    std::set<Key> seen;
    std::vector<const RequestUpdate*> run;
    for (; i < updates.size() && seen.insert(key(&updates[i])).second; ++i) run.push_back(&updates[i]);
    std::sort(run.begin(), run.end(), [&](const auto* a, const auto* b) { return key(a) < key(b); });
    for (const auto close : {RequestUpdate::Close::kKeep, RequestUpdate::Close::kClosed, RequestUpdate::Close::kReopened}) {
      std::vector<const RequestUpdate*> group;
      for (const auto* u : run)
        if (u->close == close) group.push_back(u);
      std::size_t at = 0;
      for (const int rows : statement_sizes(group.size())) {
        upsert_rows(tx, {group.begin() + static_cast<std::ptrdiff_t>(at), group.begin() + static_cast<std::ptrdiff_t>(at + rows)},
                    close);
        at += static_cast<std::size_t>(rows);
      }
    }
  }
}

void RequestStore::upsert_rows(Tx& tx, const std::vector<const RequestUpdate*>& rows, RequestUpdate::Close close) {
  constexpr int kColumns = 16;
  const int n = static_cast<int>(rows.size());
  const std::string close_param = "$" + std::to_string(n * kColumns + 1);
  const std::string sql = R"sql(
    INSERT INTO requests(township_id, village_id, number, service_id, status, department, detail, last_seq, updated_at,
                         submitted_at, due_date, on_behalf, closed_at, rating, status_token_hash, callback_at)
    VALUES )sql" + values_list(n, kColumns) + R"sql(
    ON CONFLICT (village_id, number) DO UPDATE SET
      service_id = CASE WHEN excluded.service_id <> '' THEN excluded.service_id ELSE requests.service_id END,
      status = CASE WHEN excluded.last_seq > requests.last_seq THEN excluded.status ELSE requests.status END,
      department = CASE WHEN excluded.department <> '' THEN excluded.department ELSE requests.department END,
      detail = CASE WHEN excluded.detail <> '{}' THEN excluded.detail ELSE requests.detail END,
      last_seq = CASE WHEN excluded.last_seq > requests.last_seq THEN excluded.last_seq ELSE requests.last_seq END,
      updated_at = excluded.updated_at,
      submitted_at = CASE WHEN excluded.submitted_at <> 0 THEN excluded.submitted_at ELSE requests.submitted_at END,
      due_date = CASE WHEN excluded.due_date <> '' THEN excluded.due_date ELSE requests.due_date END,
      on_behalf = CASE WHEN excluded.submitted_at <> 0 THEN excluded.on_behalf ELSE requests.on_behalf END,
      closed_at = CASE WHEN excluded.last_seq <= requests.last_seq OR )sql" + close_param + R"sql( = 0 THEN requests.closed_at
                       WHEN )sql" + close_param + R"sql( = 1 THEN excluded.closed_at ELSE NULL END,
      rating = COALESCE(excluded.rating, requests.rating),
      status_token_hash = CASE WHEN excluded.status_token_hash <> '' THEN excluded.status_token_hash
                               ELSE requests.status_token_hash END,
      callback_at = COALESCE(excluded.callback_at, requests.callback_at))sql";
  std::deque<std::string> sealed;  // SqlParam views them: a deque never moves its elements
  std::vector<SqlParam> params;
  params.reserve(static_cast<std::size_t>(n * kColumns + 1));
  for (const RequestUpdate* u : rows) {
    sealed.push_back(u->detail == "{}" ? u->detail : sealer_.seal(u->detail));
    params.insert(params.end(),
                  {u->township_id, u->village_id, u->number, u->service_id, u->status, u->department, sealed.back(), u->seq,
                   u->now, u->submitted_at, u->due_date, u->on_behalf,
                   close == RequestUpdate::Close::kClosed ? SqlParam(u->closed_at) : SqlParam(nullptr), u->rating,
                   u->status_token_hash, u->callback_at > 0 ? SqlParam(u->callback_at) : SqlParam(nullptr)});
  }
  params.push_back(static_cast<std::int64_t>(close));
  tx.exec_params(sql, params);
}

std::optional<TownshipRequest> RequestStore::find(Tx& tx, std::int64_t village_id, const std::string& number,
                                                  bool lock) {
  const auto r = tx.query_one(lock ? lock_ : find_, {village_id, number});
  if (!r) return std::nullopt;
  return read(*r);
}

std::vector<TownshipRequest> RequestStore::with_status(Tx& tx, const std::string& status) {
  std::vector<TownshipRequest> out;
  for (const auto& r : tx.query(with_status_, {status, tx.scope_param()})) out.push_back(read(r));
  return out;
}

void RequestStore::set_status(Tx& tx, std::int64_t village_id, const std::string& number, const std::string& status) {
  tx.exec("UPDATE requests SET status = $1 WHERE village_id = $2 AND number = $3", {status, village_id, number});
}

}  // namespace vsk::township
