#include "store/points_store.h"

#include <stdexcept>

#include "crypto/blake2b.h"
#include "store/audit_store.h"

namespace vsk::store {
namespace {

constexpr const char* kViewSelect =
    "SELECT l.seq, l.at, l.household_id, l.resident_id, l.rule_id, l.kind, l.delta, l.reverses, l.reason, "
    "l.evidence, l.staff_id, l.needs_approval, l.origin, l.prev_hash, l.hash, a.decision, a.at, "
    "(SELECT count(*) FROM points_objections o WHERE o.entry_seq = l.seq AND NOT EXISTS "
    "  (SELECT 1 FROM points_resolutions r WHERE r.objection_id = o.id)), "
    "(SELECT count(*) FROM points_objections o JOIN points_resolutions r ON r.objection_id = o.id "
    "  WHERE o.entry_seq = l.seq), "
    "(SELECT x.seq FROM points_ledger x WHERE x.reverses = l.seq), "
    "coalesce(s.name, ''), coalesce(res.name, ''), h.address "
    "FROM points_ledger l LEFT JOIN points_approvals a ON a.entry_seq = l.seq "
    "LEFT JOIN staff s ON s.id = l.staff_id LEFT JOIN residents res ON res.id = l.resident_id "
    "JOIN households h ON h.id = l.household_id ";

core::PointsEntryRecord read_record(const db::Statement& st) {
  core::PointsEntryRecord e;
  e.seq = st.column_int(0);
  e.at = st.column_int(1);
  e.household_id = st.column_int(2);
  e.resident_id = st.column_optional_int(3);
  e.rule_id = st.column_text(4);
  e.kind = core::points_kind_from_name(st.column_text(5)).value_or(core::PointsKind::kRule);
  e.delta = st.column_int(6);
  e.reverses = st.column_optional_int(7);
  e.reason = st.column_text(8);
  e.evidence = st.column_text(9);
  e.staff_id = st.column_optional_int(10);
  e.needs_approval = st.column_int(11) != 0;
  e.origin = st.column_text(12);
  e.prev_hash = st.column_text(13);
  e.hash = st.column_text(14);
  return e;
}

ObjectionRow read_objection(const db::Statement& st) {
  ObjectionRow o;
  o.id = st.column_int(0);
  o.entry_seq = st.column_int(1);
  o.resident_id = st.column_int(2);
  o.resident_name = st.column_text(3);
  o.reason = st.column_text(4);
  o.at = st.column_int(5);
  o.outcome = st.column_optional_text(6);
  return o;
}

constexpr const char* kObjectionSelect =
    "SELECT o.id, o.entry_seq, o.resident_id, r.name, o.reason, o.at, z.outcome FROM points_objections o "
    "JOIN residents r ON r.id = o.resident_id LEFT JOIN points_resolutions z ON z.objection_id = o.id ";

ClaimRow read_claim(const db::Statement& st) {
  ClaimRow c;
  c.id = st.column_int(0);
  c.resident_id = st.column_int(1);
  c.household_id = st.column_int(2);
  c.resident_name = st.column_text(3);
  c.rule_id = st.column_text(4);
  c.note = st.column_text(5);
  c.at = st.column_int(6);
  c.decision = st.column_optional_text(7);
  c.entry_seq = st.column_optional_int(8);
  return c;
}

constexpr const char* kClaimSelect =
    "SELECT c.id, c.resident_id, c.household_id, r.name, c.rule_id, c.note, c.at, v.decision, v.entry_seq "
    "FROM points_claims c JOIN residents r ON r.id = c.resident_id "
    "LEFT JOIN points_claim_reviews v ON v.claim_id = c.id ";

GoodsRow read_goods(const db::Statement& st) {
  return {st.column_int(0), st.column_text(1), st.column_text(2), st.column_int(3), st.column_text(4),
          st.column_int(5)};
}

constexpr const char* kGoodsSelect = "SELECT id, name_zh, name_en, price, picture, stock FROM points_goods ";

RedemptionRow read_redemption(const db::Statement& st) {
  RedemptionRow r;
  r.id = st.column_int(0);
  r.code = st.column_text(1);
  r.goods_id = st.column_int(2);
  r.goods_zh = st.column_text(3);
  r.goods_en = st.column_text(4);
  r.household_id = st.column_int(5);
  r.resident_id = st.column_optional_int(6);
  r.resident_name = st.column_text(7);
  r.entry_seq = st.column_int(8);
  r.price = -st.column_int(9);
  r.at = st.column_int(10);
  r.state = st.column_optional_text(11);
  return r;
}

constexpr const char* kRedemptionSelect =
    "SELECT d.id, d.code, d.goods_id, g.name_zh, g.name_en, d.household_id, d.resident_id, coalesce(r.name, ''), "
    "d.entry_seq, l.delta, d.at, e.kind FROM points_redemptions d JOIN points_goods g ON g.id = d.goods_id "
    "JOIN points_ledger l ON l.seq = d.entry_seq LEFT JOIN residents r ON r.id = d.resident_id "
    "LEFT JOIN points_redemption_events e ON e.redemption_id = d.id ";

}  // namespace

// ---- ledger ----

std::int64_t PointsStore::append(db::Transaction& tx, const NewPointsEntry& n) {
  core::PointsEntryRecord e;
  {
    auto last = tx.db().prepare("SELECT seq, hash FROM points_ledger ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
      e.seq = last.column_int(0) + 1;
      e.prev_hash = last.column_text(1);
    } else {
      e.seq = 1;
      e.prev_hash = core::kAuditGenesisHash;
    }
  }
  e.at = n.at;
  e.household_id = n.household_id;
  e.resident_id = n.resident_id;
  e.rule_id = n.rule_id;
  e.kind = n.kind;
  e.delta = n.delta;
  e.reverses = n.reverses;
  e.reason = n.reason;
  e.evidence = n.evidence;
  e.staff_id = n.staff_id;
  e.needs_approval = n.needs_approval;
  e.origin = n.origin;
  e.hash = core::points_hash(e, platform::blake2b256_hex);
  auto ins = tx.db().prepare(
      "INSERT INTO points_ledger(seq, at, household_id, resident_id, rule_id, kind, delta, reverses, reason, evidence,"
      " staff_id, needs_approval, origin, prev_hash, hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
      " ?13, ?14, ?15)");
  ins.bind(1, e.seq).bind(2, e.at).bind(3, e.household_id).bind(4, e.resident_id).bind(5, e.rule_id);
  ins.bind(6, std::string(core::points_kind_name(e.kind))).bind(7, e.delta).bind(8, e.reverses).bind(9, e.reason);
  ins.bind(10, e.evidence).bind(11, e.staff_id).bind(12, e.needs_approval ? 1 : 0).bind(13, e.origin);
  ins.bind(14, e.prev_hash).bind(15, e.hash).run();
  if (n.final_now) {
    add_to_totals(tx, e.household_id, e.resident_id, e.delta, 0);
  } else {
    add_to_totals(tx, e.household_id, e.resident_id, 0, e.delta);
    tx.db().prepare("INSERT INTO points_unsettled(entry_seq, due_at) VALUES(?1, ?2)").bind(1, e.seq).bind(2, n.due_at).run();
  }
  return e.seq;
}

void PointsStore::add_to_totals(db::Transaction& tx, std::int64_t household_id,
                                std::optional<std::int64_t> resident_id, std::int64_t final_delta,
                                std::int64_t pending_delta) {
  auto h = tx.db().prepare(
      "INSERT INTO points_household_totals(household_id, grid_id, final_points, pending_points)"
      " SELECT id, grid_id, ?2, ?3 FROM households WHERE id = ?1"
      " ON CONFLICT(household_id) DO UPDATE SET final_points = final_points + excluded.final_points,"
      " pending_points = pending_points + excluded.pending_points");
  h.bind(1, household_id).bind(2, final_delta).bind(3, pending_delta).run();
  if (tx.db().changes() != 1) throw std::invalid_argument("unknown household " + std::to_string(household_id));
  if (!resident_id) return;
  auto r = tx.db().prepare(
      "INSERT INTO points_resident_totals(resident_id, final_points, pending_points) VALUES(?1, ?2, ?3)"
      " ON CONFLICT(resident_id) DO UPDATE SET final_points = final_points + excluded.final_points,"
      " pending_points = pending_points + excluded.pending_points");
  r.bind(1, *resident_id).bind(2, final_delta).bind(3, pending_delta).run();
}

std::vector<PointsEntryView> PointsStore::views(db::Statement& st) {
  std::vector<PointsEntryView> out;
  while (st.step()) {
    PointsEntryView v;
    v.entry = read_record(st);
    v.facts.kind = v.entry.kind;
    v.facts.at = v.entry.at;
    v.facts.needs_approval = v.entry.needs_approval;
    const auto decision = st.column_optional_text(15);
    if (decision == "approved") v.facts.approved_at = st.column_int(16);
    v.facts.refused = decision == "refused";
    v.facts.open_objections = static_cast<int>(st.column_int(17));
    v.facts.resolved = st.column_int(18) > 0;
    v.reversed_by = st.column_optional_int(19);
    v.facts.reversed = v.reversed_by.has_value();
    v.staff_name = st.column_text(20);
    v.resident_name = st.column_text(21);
    v.address = st.column_text(22);
    out.push_back(std::move(v));
  }
  return out;
}

std::optional<PointsEntryView> PointsStore::entry(std::int64_t seq) {
  auto st = db_.prepare(std::string(kViewSelect) + "WHERE l.seq = ?1");
  st.bind(1, seq);
  auto v = views(st);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<PointsEntryView> PointsStore::household_history(std::int64_t household_id, int limit, int offset) {
  auto st = db_.prepare(std::string(kViewSelect) + "WHERE l.household_id = ?1 ORDER BY l.at DESC, l.seq DESC LIMIT ?2 OFFSET ?3");
  st.bind(1, household_id).bind(2, limit).bind(3, offset);
  return views(st);
}

std::vector<PointsEntryView> PointsStore::resident_history(std::int64_t resident_id, int limit, int offset) {
  auto st = db_.prepare(std::string(kViewSelect) + "WHERE l.resident_id = ?1 ORDER BY l.at DESC, l.seq DESC LIMIT ?2 OFFSET ?3");
  st.bind(1, resident_id).bind(2, limit).bind(3, offset);
  return views(st);
}

std::int64_t PointsStore::count() {
  auto st = db_.prepare("SELECT coalesce(max(seq), 0) FROM points_ledger");
  st.step();
  return st.column_int(0);
}

std::vector<PointsEntryView> PointsStore::unsettled_for(std::int64_t household_id) {
  auto st = db_.prepare(std::string(kViewSelect) +
                        "JOIN points_unsettled u ON u.entry_seq = l.seq WHERE l.household_id = ?1 ORDER BY l.seq DESC");
  st.bind(1, household_id);
  return views(st);
}

std::vector<PointsEntryView> PointsStore::pending_approvals() {
  auto st = db_.prepare(std::string(kViewSelect) +
                        "JOIN points_unsettled u ON u.entry_seq = l.seq WHERE l.needs_approval = 1 AND a.decision IS NULL"
                        " ORDER BY l.seq");
  return views(st);
}

int PointsStore::rule_count(std::int64_t household_id, std::optional<std::int64_t> resident_id,
                            const std::string& rule_id, std::int64_t from, std::int64_t to) {
  auto st = db_.prepare(
      "SELECT count(*) FROM points_ledger l WHERE l.household_id = ?1 AND l.rule_id = ?2 AND l.at >= ?3 AND l.at < ?4"
      " AND l.kind = 'rule' AND (?5 IS NULL OR l.resident_id = ?5)"
      " AND NOT EXISTS (SELECT 1 FROM points_ledger x WHERE x.reverses = l.seq)");
  st.bind(1, household_id).bind(2, rule_id).bind(3, from).bind(4, to).bind(5, resident_id);
  st.step();
  return static_cast<int>(st.column_int(0));
}

core::AuditVerifyResult PointsStore::verify() {
  core::PointsChainVerifier v(platform::blake2b256_hex);
  auto st = db_.prepare(
      "SELECT seq, at, household_id, resident_id, rule_id, kind, delta, reverses, reason, evidence, staff_id,"
      " needs_approval, origin, prev_hash, hash FROM points_ledger ORDER BY seq");
  while (st.step())
    if (!v.add(read_record(st))) break;
  return v.result();
}

// ---- settling ----

int PointsStore::settle(db::Transaction& tx, std::int64_t now) {
  std::vector<std::int64_t> due;
  {
    auto st = tx.db().prepare("SELECT entry_seq FROM points_unsettled WHERE due_at IS NOT NULL AND due_at <= ?1");
    st.bind(1, now);
    while (st.step()) due.push_back(st.column_int(0));
  }
  for (std::int64_t seq : due) finalize(tx, seq);
  return static_cast<int>(due.size());
}

bool PointsStore::has_due(std::int64_t now) {
  auto st = db_.prepare("SELECT 1 FROM points_unsettled WHERE due_at IS NOT NULL AND due_at <= ?1 LIMIT 1");
  st.bind(1, now);
  return st.step();
}

void PointsStore::finalize(db::Transaction& tx, std::int64_t seq) {
  auto st = tx.db().prepare(
      "SELECT l.household_id, l.resident_id, l.delta FROM points_unsettled u JOIN points_ledger l ON l.seq = u.entry_seq"
      " WHERE u.entry_seq = ?1");
  st.bind(1, seq);
  if (!st.step()) return;  // already final
  const std::int64_t household = st.column_int(0);
  const auto resident = st.column_optional_int(1);
  const std::int64_t delta = st.column_int(2);
  add_to_totals(tx, household, resident, delta, -delta);
  tx.db().prepare("DELETE FROM points_unsettled WHERE entry_seq = ?1").bind(1, seq).run();
}

void PointsStore::set_due(db::Transaction& tx, std::int64_t seq, std::optional<std::int64_t> due_at) {
  tx.db().prepare("UPDATE points_unsettled SET due_at = ?2 WHERE entry_seq = ?1").bind(1, seq).bind(2, due_at).run();
}

// ---- approvals, objections ----

void PointsStore::add_approval(db::Transaction& tx, std::int64_t seq, bool approved, std::int64_t staff_id,
                               const std::string& reason, std::int64_t at) {
  tx.db()
      .prepare("INSERT INTO points_approvals(entry_seq, decision, staff_id, reason, at) VALUES(?1, ?2, ?3, ?4, ?5)")
      .bind(1, seq)
      .bind(2, approved ? "approved" : "refused")
      .bind(3, staff_id)
      .bind(4, reason)
      .bind(5, at)
      .run();
}

std::int64_t PointsStore::add_objection(db::Transaction& tx, std::int64_t seq, std::int64_t resident_id,
                                        const std::string& reason, std::int64_t at) {
  tx.db()
      .prepare("INSERT INTO points_objections(entry_seq, resident_id, reason, at) VALUES(?1, ?2, ?3, ?4)")
      .bind(1, seq)
      .bind(2, resident_id)
      .bind(3, reason)
      .bind(4, at)
      .run();
  return tx.db().last_insert_rowid();
}

void PointsStore::add_resolution(db::Transaction& tx, std::int64_t objection_id, bool upheld,
                                 const std::string& reason, std::int64_t staff_id,
                                 std::optional<std::int64_t> reversal_seq, std::int64_t at) {
  tx.db()
      .prepare(
          "INSERT INTO points_resolutions(objection_id, outcome, reason, staff_id, reversal_seq, at)"
          " VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, objection_id)
      .bind(2, upheld ? "upheld" : "dismissed")
      .bind(3, reason)
      .bind(4, staff_id)
      .bind(5, reversal_seq)
      .bind(6, at)
      .run();
}

std::optional<ObjectionRow> PointsStore::objection(std::int64_t id) {
  auto st = db_.prepare(std::string(kObjectionSelect) + "WHERE o.id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_objection(st);
}

std::vector<ObjectionRow> PointsStore::open_objections() {
  auto st = db_.prepare(std::string(kObjectionSelect) + "WHERE z.outcome IS NULL ORDER BY o.id");
  std::vector<ObjectionRow> out;
  while (st.step()) out.push_back(read_objection(st));
  return out;
}

std::vector<ObjectionRow> PointsStore::objections_of(std::int64_t seq) {
  auto st = db_.prepare(std::string(kObjectionSelect) + "WHERE o.entry_seq = ?1 ORDER BY o.id");
  st.bind(1, seq);
  std::vector<ObjectionRow> out;
  while (st.step()) out.push_back(read_objection(st));
  return out;
}

// ---- claims ----

std::int64_t PointsStore::add_claim(db::Transaction& tx, std::int64_t resident_id, std::int64_t household_id,
                                    const std::string& rule_id, const std::string& note, std::int64_t at) {
  tx.db()
      .prepare("INSERT INTO points_claims(resident_id, household_id, rule_id, note, at) VALUES(?1, ?2, ?3, ?4, ?5)")
      .bind(1, resident_id)
      .bind(2, household_id)
      .bind(3, rule_id)
      .bind(4, note)
      .bind(5, at)
      .run();
  return tx.db().last_insert_rowid();
}

void PointsStore::add_claim_review(db::Transaction& tx, std::int64_t claim_id, bool approved, std::int64_t staff_id,
                                   const std::string& reason, std::optional<std::int64_t> entry_seq, std::int64_t at) {
  tx.db()
      .prepare(
          "INSERT INTO points_claim_reviews(claim_id, decision, staff_id, reason, entry_seq, at)"
          " VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, claim_id)
      .bind(2, approved ? "approved" : "refused")
      .bind(3, staff_id)
      .bind(4, reason)
      .bind(5, entry_seq)
      .bind(6, at)
      .run();
}

std::optional<ClaimRow> PointsStore::claim(std::int64_t id) {
  auto st = db_.prepare(std::string(kClaimSelect) + "WHERE c.id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_claim(st);
}

std::vector<ClaimRow> PointsStore::open_claims() {
  auto st = db_.prepare(std::string(kClaimSelect) + "WHERE v.decision IS NULL ORDER BY c.id");
  std::vector<ClaimRow> out;
  while (st.step()) out.push_back(read_claim(st));
  return out;
}

// ---- balances and boards ----

PointsBalance PointsStore::resident_balance(std::int64_t resident_id) {
  auto st = db_.prepare("SELECT final_points, pending_points FROM points_resident_totals WHERE resident_id = ?1");
  st.bind(1, resident_id);
  if (!st.step()) return {};
  return {st.column_int(0), st.column_int(1)};
}

HouseholdStanding PointsStore::household_standing(std::int64_t household_id) {
  HouseholdStanding s;
  {
    auto st = db_.prepare(
        "SELECT h.grid_id, g.name, coalesce(t.final_points, 0), coalesce(t.pending_points, 0) FROM households h"
        " JOIN grids g ON g.id = h.grid_id LEFT JOIN points_household_totals t ON t.household_id = h.id"
        " WHERE h.id = ?1");
    st.bind(1, household_id);
    if (!st.step()) return s;
    s.grid_id = st.column_int(0);
    s.grid_name = st.column_text(1);
    s.balance = {st.column_int(2), st.column_int(3)};
  }
  const std::int64_t mine = s.balance.final_points;
  // Households without a totals row have 0 points: ahead of a negative balance only.
  {
    auto st = db_.prepare(
        "SELECT (SELECT count(*) FROM points_household_totals WHERE final_points > ?1),"
        " (SELECT count(*) FROM households), (SELECT count(*) FROM points_household_totals)");
    st.bind(1, mine);
    st.step();
    s.households = static_cast<int>(st.column_int(1));
    s.rank = 1 + static_cast<int>(st.column_int(0) + (mine < 0 ? st.column_int(1) - st.column_int(2) : 0));
  }
  {
    auto st = db_.prepare(
        "SELECT (SELECT count(*) FROM points_household_totals WHERE grid_id = ?2 AND final_points > ?1),"
        " (SELECT count(*) FROM households WHERE grid_id = ?2),"
        " (SELECT count(*) FROM points_household_totals WHERE grid_id = ?2)");
    st.bind(1, mine).bind(2, s.grid_id);
    st.step();
    s.grid_households = static_cast<int>(st.column_int(1));
    s.grid_rank = 1 + static_cast<int>(st.column_int(0) + (mine < 0 ? st.column_int(1) - st.column_int(2) : 0));
  }
  return s;
}

std::vector<BoardRow> PointsStore::board(std::optional<std::int64_t> grid_id, int limit, bool worst_first) {
  auto st = db_.prepare(
      std::string("SELECT h.id, coalesce((SELECT name FROM residents WHERE household_id = h.id ORDER BY is_head DESC,"
                  " id LIMIT 1), ''), g.name, coalesce(t.final_points, 0),"
                  // 累计积分: spending in the 积分超市 must not lower a household on the board, so
                  // redemptions still standing (not cancelled by a reversal) are added back.
                  " coalesce(t.final_points, 0) - coalesce((SELECT sum(l.delta) FROM points_ledger l"
                  "  WHERE l.household_id = h.id AND l.kind = 'redemption'"
                  "  AND NOT EXISTS (SELECT 1 FROM points_ledger x WHERE x.reverses = l.seq)), 0) AS earned"
                  " FROM households h"
                  " JOIN grids g ON g.id = h.grid_id LEFT JOIN points_household_totals t ON t.household_id = h.id"
                  " WHERE (?1 IS NULL OR h.grid_id = ?1) ORDER BY earned ") +
      (worst_first ? "ASC" : "DESC") + ", h.id LIMIT ?2");
  st.bind(1, grid_id).bind(2, limit);
  std::vector<BoardRow> out;
  while (st.step()) {
    BoardRow r{0, st.column_int(0), st.column_text(1), st.column_text(2), st.column_int(3), st.column_int(4), ""};
    // Competition ranking: equal points share a rank.
    r.rank = !out.empty() && out.back().earned_points == r.earned_points ? out.back().rank
                                                                         : static_cast<int>(out.size()) + 1;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<BoardRow> PointsStore::deduction_board(int limit) {
  auto st = db_.prepare(
      "SELECT h.id, coalesce((SELECT name FROM residents WHERE household_id = h.id ORDER BY is_head DESC, id LIMIT 1),"
      " ''), g.name, coalesce(t.final_points, 0),"
      " (SELECT l.rule_id FROM points_ledger l WHERE l.household_id = h.id AND l.kind = 'rule' AND l.delta < 0"
      "  AND NOT EXISTS (SELECT 1 FROM points_ledger x WHERE x.reverses = l.seq)"
      "  AND NOT EXISTS (SELECT 1 FROM points_unsettled u WHERE u.entry_seq = l.seq) ORDER BY l.seq DESC LIMIT 1) AS rule"
      " FROM households h JOIN grids g ON g.id = h.grid_id LEFT JOIN points_household_totals t"
      " ON t.household_id = h.id WHERE rule IS NOT NULL ORDER BY coalesce(t.final_points, 0), h.id LIMIT ?1");
  st.bind(1, limit);
  std::vector<BoardRow> out;
  while (st.step())
    out.push_back({static_cast<int>(out.size()) + 1, st.column_int(0), st.column_text(1), st.column_text(2),
                   st.column_int(3), st.column_int(3), st.column_text(4)});
  return out;
}

// ---- shop ----

std::int64_t PointsStore::add_goods(db::Transaction& tx, const GoodsRow& g, std::optional<std::int64_t> staff_id,
                                    std::int64_t at) {
  tx.db()
      .prepare("INSERT INTO points_goods(name_zh, name_en, price, picture, stock) VALUES(?1, ?2, ?3, ?4, 0)")
      .bind(1, g.name_zh)
      .bind(2, g.name_en)
      .bind(3, g.price)
      .bind(4, g.picture)
      .run();
  const std::int64_t id = tx.db().last_insert_rowid();
  if (g.stock > 0) move_stock(tx, id, g.stock, "added", staff_id, at);
  return id;
}

void PointsStore::move_stock(db::Transaction& tx, std::int64_t goods_id, std::int64_t delta, const std::string& reason,
                             std::optional<std::int64_t> staff_id, std::int64_t at) {
  // CHECK (stock >= 0) refuses going below zero even if a caller forgot to look first.
  tx.db().prepare("UPDATE points_goods SET stock = stock + ?2 WHERE id = ?1").bind(1, goods_id).bind(2, delta).run();
  if (tx.db().changes() != 1) throw std::invalid_argument("unknown goods " + std::to_string(goods_id));
  tx.db()
      .prepare("INSERT INTO points_stock_moves(goods_id, delta, reason, staff_id, at) VALUES(?1, ?2, ?3, ?4, ?5)")
      .bind(1, goods_id)
      .bind(2, delta)
      .bind(3, reason)
      .bind(4, staff_id)
      .bind(5, at)
      .run();
}

std::vector<GoodsRow> PointsStore::goods() {
  auto st = db_.prepare(std::string(kGoodsSelect) + "ORDER BY price, id");
  std::vector<GoodsRow> out;
  while (st.step()) out.push_back(read_goods(st));
  return out;
}

std::optional<GoodsRow> PointsStore::goods_item(std::int64_t id) {
  auto st = db_.prepare(std::string(kGoodsSelect) + "WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_goods(st);
}

std::int64_t PointsStore::add_redemption(db::Transaction& tx, const std::string& code, std::int64_t goods_id,
                                         std::int64_t household_id, std::optional<std::int64_t> resident_id,
                                         std::int64_t entry_seq, std::int64_t at) {
  tx.db()
      .prepare(
          "INSERT INTO points_redemptions(code, goods_id, household_id, resident_id, entry_seq, at)"
          " VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, code)
      .bind(2, goods_id)
      .bind(3, household_id)
      .bind(4, resident_id)
      .bind(5, entry_seq)
      .bind(6, at)
      .run();
  return tx.db().last_insert_rowid();
}

void PointsStore::add_redemption_event(db::Transaction& tx, std::int64_t redemption_id, const std::string& kind,
                                       std::optional<std::int64_t> staff_id, std::optional<std::int64_t> reversal_seq,
                                       std::int64_t at) {
  tx.db()
      .prepare(
          "INSERT INTO points_redemption_events(redemption_id, kind, staff_id, reversal_seq, at)"
          " VALUES(?1, ?2, ?3, ?4, ?5)")
      .bind(1, redemption_id)
      .bind(2, kind)
      .bind(3, staff_id)
      .bind(4, reversal_seq)
      .bind(5, at)
      .run();
}

std::optional<RedemptionRow> PointsStore::redemption(std::int64_t id) {
  auto st = db_.prepare(std::string(kRedemptionSelect) + "WHERE d.id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_redemption(st);
}

std::optional<RedemptionRow> PointsStore::redemption_by_code(const std::string& code) {
  auto st = db_.prepare(std::string(kRedemptionSelect) + "WHERE d.code = ?1");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return read_redemption(st);
}

std::vector<RedemptionRow> PointsStore::open_redemptions() {
  auto st = db_.prepare(std::string(kRedemptionSelect) + "WHERE e.kind IS NULL ORDER BY d.id");
  std::vector<RedemptionRow> out;
  while (st.step()) out.push_back(read_redemption(st));
  return out;
}

// ---- conflicts ----

void PointsStore::add_conflict(db::Transaction& tx, std::int64_t seq, std::int64_t household_id,
                               std::int64_t balance_before, std::int64_t at) {
  tx.db()
      .prepare("INSERT INTO points_conflicts(entry_seq, household_id, balance_before, at) VALUES(?1, ?2, ?3, ?4)")
      .bind(1, seq)
      .bind(2, household_id)
      .bind(3, balance_before)
      .bind(4, at)
      .run();
}

std::vector<ConflictRow> PointsStore::conflicts() {
  auto st = db_.prepare(
      "SELECT c.id, c.entry_seq, c.household_id, c.balance_before, l.delta, l.origin, c.at FROM points_conflicts c"
      " JOIN points_ledger l ON l.seq = c.entry_seq ORDER BY c.id");
  std::vector<ConflictRow> out;
  while (st.step())
    out.push_back({st.column_int(0), st.column_int(1), st.column_int(2), st.column_int(3), st.column_int(4),
                   st.column_text(5), st.column_int(6)});
  return out;
}

// ---- summary ----

std::vector<SummaryRow> PointsStore::summary_by_grid(std::int64_t from, std::int64_t to) {
  auto st = db_.prepare(
      "SELECT g.name, count(*), coalesce(sum(max(l.delta, 0)), 0), coalesce(sum(min(l.delta, 0)), 0)"
      " FROM points_ledger l JOIN households h ON h.id = l.household_id JOIN grids g ON g.id = h.grid_id"
      " WHERE l.at >= ?1 AND l.at < ?2 AND l.kind = 'rule' GROUP BY g.id ORDER BY g.id");
  st.bind(1, from).bind(2, to);
  std::vector<SummaryRow> out;
  while (st.step()) out.push_back({st.column_text(0), st.column_int(1), st.column_int(2), st.column_int(3)});
  return out;
}

std::vector<SummaryRow> PointsStore::summary_by_rule(std::int64_t from, std::int64_t to) {
  auto st = db_.prepare(
      "SELECT l.rule_id, count(*), coalesce(sum(max(l.delta, 0)), 0), coalesce(sum(min(l.delta, 0)), 0)"
      " FROM points_ledger l WHERE l.at >= ?1 AND l.at < ?2 AND l.kind = 'rule' GROUP BY l.rule_id"
      " ORDER BY count(*) DESC, l.rule_id");
  st.bind(1, from).bind(2, to);
  std::vector<SummaryRow> out;
  while (st.step()) out.push_back({st.column_text(0), st.column_int(1), st.column_int(2), st.column_int(3)});
  return out;
}

}  // namespace vsk::store
