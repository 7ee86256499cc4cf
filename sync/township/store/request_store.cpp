#include "sync/township/store/request_store.h"

#include "crypto/blake2b.h"

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

void RequestStore::upsert(Tx& tx, const RequestUpdate& u) {
  tx.exec(R"sql(
    INSERT INTO requests(township_id, village_id, number, service_id, status, department, detail, last_seq, updated_at,
                         submitted_at, due_date, on_behalf, closed_at, rating, status_token_hash, callback_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $16, $17)
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
      closed_at = CASE WHEN excluded.last_seq <= requests.last_seq OR $15 = 0 THEN requests.closed_at
                       WHEN $15 = 1 THEN excluded.closed_at ELSE NULL END,
      rating = COALESCE(excluded.rating, requests.rating),
      status_token_hash = CASE WHEN excluded.status_token_hash <> '' THEN excluded.status_token_hash
                               ELSE requests.status_token_hash END,
      callback_at = COALESCE(excluded.callback_at, requests.callback_at))sql",
          {u.township_id, u.village_id, u.number, u.service_id, u.status, u.department,
           u.detail == "{}" ? u.detail : sealer_.seal(u.detail), u.seq, u.now, u.submitted_at, u.due_date, u.on_behalf,
           u.close == RequestUpdate::Close::kClosed ? SqlParam(u.closed_at) : SqlParam(nullptr), u.rating,
           static_cast<std::int64_t>(u.close), u.status_token_hash,
           u.callback_at > 0 ? SqlParam(u.callback_at) : SqlParam(nullptr)});
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
