#include "sync/township/store/table_copy.h"

#include <sodium.h>

#include <cstring>
#include <map>

namespace vsk::township {
namespace {

using PlaceMap = std::map<std::int64_t, std::int64_t>;  // source place id -> target place id

// One tenant table: its columns and which of them hold place ids.
struct TableSpec {
  const char* name;
  std::vector<std::string> columns;
  std::vector<std::string> place_columns;
};

const std::vector<TableSpec>& tables() {
  static const std::vector<TableSpec> t = {
      {"enroll_codes",
       {"code_hash", "township_id", "village_id", "created_at", "expires_at", "used_by", "used_at", "replaces"},
       {"township_id", "village_id"}},
      {"devices",
       {"id", "township_id", "village_id", "public_key", "name", "enrolled_at", "revoked_at", "last_counter", "acked_seq",
        "last_contact", "clock_skew_s", "pending_reported", "reply_counter", "resync_scope"},
       {"township_id", "village_id"}},
      {"ops",
       {"township_id", "device_id", "seq", "op_id", "type", "payload", "device_time", "received_at", "outcome", "code",
        "message_zh"},
       {"township_id"}},
      {"requests",
       {"township_id", "village_id", "number", "service_id", "status", "department", "detail", "last_seq", "updated_at",
        "submitted_at", "due_date", "on_behalf", "closed_at", "rating", "status_token_hash", "callback_at"},
       {"township_id", "village_id"}},
      {"changes", {"township_id", "id", "village_id", "scope", "kind", "key", "payload", "at"},
       {"township_id", "village_id"}},
      {"change_heads", {"township_id", "last_id"}, {"township_id"}},
      {"admin_tokens", {"token_hash", "place_id", "township_id", "label", "created_at"}, {"place_id", "township_id"}},
      {"heartbeats", {"township_id", "device_id", "counter", "at", "body"}, {"township_id"}},
  };
  return t;
}

std::string joined(const std::vector<std::string>& v, const std::string& sep, const std::string& each = "") {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += each.empty() ? v[i] : each + std::to_string(i + 1);
  }
  return out;
}

bool is_place_column(const TableSpec& t, std::size_t col) {
  for (const auto& p : t.place_columns)
    if (p == t.columns[col]) return true;
  return false;
}

// Row count and the sums of two 64-bit halves of each row's BLAKE2b: the same rows in any
// order give the same figure.
class Checksum {
 public:
  void add(const std::vector<std::optional<std::string>>& row) {
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, 16);
    for (const auto& v : row) {
      const std::string cell = v ? std::to_string(v->size()) + ":" + *v : std::string("~");
      crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(cell.data()), cell.size());
    }
    unsigned char h[16];
    crypto_generichash_final(&st, h, sizeof h);
    std::uint64_t a, b;
    std::memcpy(&a, h, 8);
    std::memcpy(&b, h + 8, 8);
    a_ += a;
    b_ += b;
    ++rows_;
  }
  std::int64_t rows() const { return rows_; }
  std::string hex() const {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a_),
                  static_cast<unsigned long long>(b_));
    return buf;
  }

 private:
  std::uint64_t a_ = 0, b_ = 0;
  std::int64_t rows_ = 0;
};

std::vector<std::optional<std::string>> values_of(const SqlRow& r, std::size_t n) {
  std::vector<std::optional<std::string>> out;
  for (std::size_t c = 0; c < n; ++c) out.push_back(r.optional_text(static_cast<int>(c)));
  return out;
}

// The township's rows of one table. (County tokens stay behind: in another county they
// would reach other townships.)
SqlRows rows_of(Tx& tx, const TableSpec& t, std::int64_t township) {
  return tx.query("SELECT " + joined(t.columns, ", ") + " FROM " + t.name + " WHERE township_id = $1", {township});
}

}  // namespace

bool CopyReport::ok() const {
  if (!error.empty()) return false;
  for (const auto& t : tables)
    if (!t.ok()) return false;
  return true;
}

CopyReport copy_township(TownshipStore& source, TownshipStore& target, const std::string& county_name,
                         const std::string& township_name, std::int64_t now) {
  CopyReport report;
  // The source's township and its villages.
  std::vector<Place> source_places;
  {
    Tx tx = source.read(Scope::lookup());
    source_places = source.places().list(tx);
  }
  std::optional<Place> src_township, src_county;
  int townships = 0;
  for (const auto& p : source_places)
    if (p.kind == "township") ++townships, src_township = p;
  if (townships != 1) {
    report.error = "the source holds " + std::to_string(townships) + " townships; copy needs exactly one";
    return report;
  }
  for (const auto& p : source_places)
    if (p.id == src_township->parent_id) src_county = p;
  const std::string county = county_name.empty() && src_county ? src_county->name : county_name;
  const std::string township = township_name.empty() ? src_township->name : township_name;

  // Places in the target: the county and township made or found (operator work), then the
  // villages and every tenant row in one transaction of that township.
  PlaceMap map;
  const std::int64_t t_id = target.write_retrying(Scope::lookup(), [&](Tx& tx) {
    auto c = target.places().child(tx, std::nullopt, county);
    const std::int64_t c_id = c ? c->id : target.places().add(tx, "county", county, std::nullopt, now);
    auto t = target.places().child(tx, c_id, township);
    const std::int64_t id = t ? t->id : target.places().add(tx, "township", township, c_id, now);
    tx.commit();
    if (src_county) map[src_county->id] = c_id;
    return id;
  });
  map[src_township->id] = t_id;
  const Scope target_scope{t_id, {t_id}, /*system=*/true};  // the tenant, and its tokens and codes
  Tx out = target.write(target_scope);
  for (const auto& t : tables())
    if (out.query_one(std::string("SELECT 1 FROM ") + t.name + " WHERE township_id = $1 LIMIT 1", {t_id})) {
      report.error = "township " + township + " already holds " + t.name + " in the target: nothing copied";
      return report;
    }
  for (const auto& p : source_places) {
    if (p.kind != "village") continue;
    const auto existing = target.places().child(out, t_id, p.name);
    map[p.id] = existing ? existing->id : target.places().add(out, "village", p.name, t_id, now);
  }
  const auto mapped = [&](std::vector<std::optional<std::string>> row, const TableSpec& t) {
    for (std::size_t c = 0; c < row.size(); ++c)
      if (is_place_column(t, c) && row[c]) {
        const auto it = map.find(std::stoll(*row[c]));
        if (it == map.end()) throw StoreError(StoreError::Kind::kOther, std::string(t.name) + ": unknown place " + *row[c]);
        row[c] = std::to_string(it->second);
      }
    return row;
  };
  Tx in = source.read(Scope{src_township->id, {src_township->id}, true});
  std::vector<Checksum> source_sums(tables().size());
  for (std::size_t i = 0; i < tables().size(); ++i) {
    const TableSpec& t = tables()[i];
    const std::string insert = std::string("INSERT INTO ") + t.name + "(" + joined(t.columns, ", ") + ") VALUES (" +
                               joined(t.columns, ", ", "$") + ")";
    for (const auto& r : rows_of(in, t, src_township->id)) {
      const auto row = mapped(values_of(r, t.columns.size()), t);
      source_sums[i].add(row);
      // Every value goes as text; both databases convert it to the column's type.
      std::vector<SqlParam> params;
      for (const auto& v : row) params.push_back(v ? SqlParam(*v) : SqlParam(nullptr));
      out.exec_params(insert, params);
    }
  }
  for (std::size_t i = 0; i < tables().size(); ++i) {
    Checksum target_sum;
    for (const auto& r : rows_of(out, tables()[i], t_id)) target_sum.add(values_of(r, tables()[i].columns.size()));
    report.tables.push_back({tables()[i].name, source_sums[i].rows(), target_sum.rows(), source_sums[i].hex(),
                             target_sum.hex()});
  }
  if (report.ok()) out.commit();  // a difference leaves the target as it was
  return report;
}

}  // namespace vsk::township
