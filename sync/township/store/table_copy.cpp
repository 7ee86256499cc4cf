#include "sync/township/store/table_copy.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace vsk::township {
namespace {

using IdMap = std::map<std::int64_t, std::int64_t>;  // source id -> target id

// One tenant table: its columns, which of them hold place ids and which user ids. A table
// with a `natural_key` gets its "id" from the target (user ids are per server: every township's
// first account is 1), found again by `natural_key` and translated in the tables after it.
struct TableSpec {
  const char* name;
  std::vector<std::string> columns;
  std::vector<std::string> place_columns;
  std::vector<std::string> user_columns = {};
  const char* natural_key = nullptr;
  bool new_ids() const { return natural_key != nullptr; }
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
      // Staff accounts before what points at them. Browser sessions stay behind: staff log in
      // again on the new server.
      {"users",
       {"id", "township_id", "login", "display_name", "role", "department", "password_hash", "failures",
        "locked_until", "disabled_at", "created_at"},
       {"township_id"}, {}, "login"},
      // A person's token keeps its person (without user_id it would act for the whole township).
      {"admin_tokens", {"token_hash", "place_id", "township_id", "label", "created_at", "user_id"},
       {"place_id", "township_id"}, {"user_id"}},
      {"heartbeats", {"township_id", "device_id", "counter", "at", "body"}, {"township_id"}},
      {"notice_publications", {"township_id", "village_id", "category", "last_published_at"},
       {"township_id", "village_id"}},
      {"usb_exchanges", {"device_id", "township_id", "last_at", "envelopes", "ops", "changes", "imports"},
       {"township_id"}},
      // The audit chain as written: its user ids stay the source's, because each entry's hash
      // covers them; the migration's own entry records how they were renumbered.
      {"server_audit",
       {"township_id", "seq", "at", "user_id", "actor", "action", "target", "detail", "prev_hash", "hash"},
       {"township_id"}},
      {"server_audit_heads", {"township_id", "last_seq", "last_hash"}, {"township_id"}},
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

bool is_column_of(const std::vector<std::string>& names, const std::string& column) {
  for (const auto& n : names)
    if (n == column) return true;
  return false;
}

std::vector<std::optional<std::string>> values_of(const SqlRow& r, std::size_t n) {
  std::vector<std::optional<std::string>> out;
  for (std::size_t c = 0; c < n; ++c) out.push_back(r.optional_text(static_cast<int>(c)));
  return out;
}

// What the checksum compares: a table whose ids the target makes is compared without them.
std::vector<std::optional<std::string>> compared(std::vector<std::optional<std::string>> row, const TableSpec& t) {
  if (t.new_ids()) row.erase(row.begin());  // "id" is the first column of such a table
  return row;
}

std::string id_map_text(const IdMap& m) {
  std::string out;
  for (const auto& [from, to] : m) out += (out.empty() ? "" : ", ") + std::to_string(from) + "->" + std::to_string(to);
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
                         const std::string& township_name, std::int64_t now, const std::string& actor) {
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
  IdMap map;  // places
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
  IdMap users;
  const auto mapped = [&](std::vector<std::optional<std::string>> row, const TableSpec& t) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool place = is_column_of(t.place_columns, t.columns[c]);
      if (!row[c] || (!place && !is_column_of(t.user_columns, t.columns[c]))) continue;
      const IdMap& ids = place ? map : users;
      const auto it = ids.find(std::stoll(*row[c]));
      if (it == ids.end())
        throw StoreError(StoreError::Kind::kOther, std::string(t.name) + ": unknown " + (place ? "place " : "user ") + *row[c]);
      row[c] = std::to_string(it->second);
    }
    return row;
  };
  Tx in = source.read(Scope{src_township->id, {src_township->id}, true});
  std::vector<Checksum> source_sums(tables().size());
  for (std::size_t i = 0; i < tables().size(); ++i) {
    const TableSpec& t = tables()[i];
    const std::vector<std::string> written(t.columns.begin() + (t.new_ids() ? 1 : 0), t.columns.end());
    const std::string insert = std::string("INSERT INTO ") + t.name + "(" + joined(written, ", ") + ") VALUES (" +
                               joined(written, ", ", "$") + ")";
    const auto key = static_cast<std::size_t>(
        t.new_ids() ? std::find(t.columns.begin(), t.columns.end(), t.natural_key) - t.columns.begin() : 0);
    for (const auto& r : rows_of(in, t, src_township->id)) {
      const auto row = mapped(values_of(r, t.columns.size()), t);
      if (t.new_ids() && out.query_one(std::string("SELECT 1 FROM ") + t.name + " WHERE " + t.natural_key + " = $1",
                                     {*row[key]})) {
        report.error = std::string(t.name) + ": " + t.natural_key + " " + *row[key] +
                       " is taken on the target server by another township (unique per server): nothing copied";
        return report;
      }
      const auto values = compared(row, t);
      source_sums[i].add(values);
      // Every value goes as text; both databases convert it to the column's type.
      std::vector<SqlParam> params;
      for (const auto& v : values) params.push_back(v ? SqlParam(*v) : SqlParam(nullptr));
      out.exec_params(insert, params);
      if (t.new_ids())
        users[std::stoll(*row[0])] =
            out.query_one(std::string("SELECT id FROM ") + t.name + " WHERE " + t.natural_key + " = $1", {*row[key]})
                ->integer(0);
    }
  }
  for (std::size_t i = 0; i < tables().size(); ++i) {
    Checksum target_sum;
    for (const auto& r : rows_of(out, tables()[i], t_id))
      target_sum.add(compared(values_of(r, tables()[i].columns.size()), tables()[i]));
    report.tables.push_back({tables()[i].name, source_sums[i].rows(), target_sum.rows(), source_sums[i].hex(),
                             target_sum.hex()});
  }
  // After the checks (it is not in the source): the chain goes on in the target and says
  // where it came from, with the renumbering a reader of the old entries' user ids needs.
  if (report.ok())
    target.audit().append(out, {t_id, now, std::nullopt, actor, "township.migrated", township,
                                "from SQLite; user ids " + (users.empty() ? std::string("none") : id_map_text(users))});
  if (report.ok()) out.commit();  // a difference leaves the target as it was
  return report;
}

}  // namespace vsk::township
