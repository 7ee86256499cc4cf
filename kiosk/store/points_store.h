// The points ledger and everything around it (schema v6): entries with their hash chain,
// approvals, objections and resolutions, good-deed claims, the points shop, conflicts, and
// the derived per-household / per-resident totals that make balance and rank look-ups cheap.
// Writes take a Transaction; the rules (who may, limits, notice) live in app/points_service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/points.h"
#include "sqlite/sqlite_db.h"

namespace vsk::store {

// A new entry; the store adds seq, prev_hash and hash.
struct NewPointsEntry {
  std::int64_t at = 0;
  std::int64_t household_id = 0;
  std::optional<std::int64_t> resident_id;
  std::string rule_id;
  core::PointsKind kind = core::PointsKind::kRule;
  std::int64_t delta = 0;
  std::optional<std::int64_t> reverses;
  std::string reason;
  std::string evidence;
  std::optional<std::int64_t> staff_id;
  bool needs_approval = false;
  std::string origin = "kiosk";
  // Final at once (reversals, redemptions, external), else pending until `due_at`
  // (nullopt: held until approved).
  bool final_now = false;
  std::optional<std::int64_t> due_at;
};

// A ledger entry with what happened to it since.
struct PointsEntryView {
  core::PointsEntryRecord entry;
  core::PointsEntryFacts facts;
  std::optional<std::int64_t> reversed_by;  // seq of the reversal cancelling it
  std::string staff_name;
  std::string resident_name;
  std::string address;  // the household's
};

struct PointsBalance {
  std::int64_t final_points = 0;
  std::int64_t pending_points = 0;
};

struct HouseholdStanding {
  PointsBalance balance;
  int rank = 0;          // 1 = most points in the village
  int households = 0;    // in the village
  int grid_rank = 0;
  int grid_households = 0;
  std::int64_t grid_id = 0;
  std::string grid_name;
};

struct BoardRow {
  int rank = 0;
  std::int64_t household_id = 0;
  std::string head_name;  // unmasked; the service masks it for the public board
  std::string grid_name;
  std::int64_t final_points = 0;   // what the household has left to spend (可用积分)
  std::int64_t earned_points = 0;  // final points before redemptions (累计积分): what the red board ranks
  std::string rule_id;  // deduction boards: the rule of the latest final deduction (never free text)
};

struct ObjectionRow {
  std::int64_t id = 0;
  std::int64_t entry_seq = 0;
  std::int64_t resident_id = 0;
  std::string resident_name;
  std::string reason;
  std::int64_t at = 0;
  std::optional<std::string> outcome;  // upheld / dismissed once resolved
};

struct ClaimRow {
  std::int64_t id = 0;
  std::int64_t resident_id = 0;
  std::int64_t household_id = 0;
  std::string resident_name;
  std::string rule_id;
  std::string note;
  std::int64_t at = 0;
  std::optional<std::string> decision;  // approved / refused once reviewed
  std::optional<std::int64_t> entry_seq;
};

struct GoodsRow {
  std::int64_t id = 0;
  std::string name_zh;
  std::string name_en;
  std::int64_t price = 0;
  std::string picture;
  std::int64_t stock = 0;
};

struct RedemptionRow {
  std::int64_t id = 0;
  std::string code;
  std::int64_t goods_id = 0;
  std::string goods_zh;
  std::string goods_en;
  std::int64_t household_id = 0;
  std::optional<std::int64_t> resident_id;
  std::string resident_name;
  std::int64_t entry_seq = 0;
  std::int64_t price = 0;
  std::int64_t at = 0;
  std::optional<std::string> state;  // collected / cancelled; none: reserved, waiting
};

struct ConflictRow {
  std::int64_t id = 0;
  std::int64_t entry_seq = 0;
  std::int64_t household_id = 0;
  std::int64_t balance_before = 0;
  std::int64_t delta = 0;
  std::string origin;
  std::int64_t at = 0;
};

struct SummaryRow {
  std::string key;  // grid name or rule id
  std::int64_t entries = 0;
  std::int64_t awarded = 0;   // sum of positive deltas
  std::int64_t deducted = 0;  // sum of negative deltas (<= 0)
};

class PointsStore {
 public:
  explicit PointsStore(db::Database& db) : db_(db) {}

  // ---- ledger ----
  std::int64_t append(db::Transaction& tx, const NewPointsEntry& e);
  std::optional<PointsEntryView> entry(std::int64_t seq);
  // Newest first. One of household / resident.
  std::vector<PointsEntryView> household_history(std::int64_t household_id, int limit, int offset);
  std::vector<PointsEntryView> resident_history(std::int64_t resident_id, int limit, int offset);
  std::int64_t count();
  // Entries of the household (or the resident's own) that are not final yet, newest first.
  std::vector<PointsEntryView> unsettled_for(std::int64_t household_id);
  // Entries waiting for a second staff member, oldest first.
  std::vector<PointsEntryView> pending_approvals();
  // Rule entries of `rule_id` for that subject in [from, to) that were not reversed.
  int rule_count(std::int64_t household_id, std::optional<std::int64_t> resident_id, const std::string& rule_id,
                 std::int64_t from, std::int64_t to);
  core::AuditVerifyResult verify();

  // ---- settling: pending -> final ----
  // Pending entries whose notice ended by `now` become final. Returns how many.
  int settle(db::Transaction& tx, std::int64_t now);
  bool has_due(std::int64_t now);
  // Makes an unsettled entry final now (resolution, refusal).
  void finalize(db::Transaction& tx, std::int64_t seq);
  // Changes when an unsettled entry becomes final (nullopt: held).
  void set_due(db::Transaction& tx, std::int64_t seq, std::optional<std::int64_t> due_at);

  // ---- approvals, objections ----
  void add_approval(db::Transaction& tx, std::int64_t seq, bool approved, std::int64_t staff_id,
                    const std::string& reason, std::int64_t at);
  std::int64_t add_objection(db::Transaction& tx, std::int64_t seq, std::int64_t resident_id, const std::string& reason,
                             std::int64_t at);
  void add_resolution(db::Transaction& tx, std::int64_t objection_id, bool upheld, const std::string& reason,
                      std::int64_t staff_id, std::optional<std::int64_t> reversal_seq, std::int64_t at);
  std::optional<ObjectionRow> objection(std::int64_t id);
  std::vector<ObjectionRow> open_objections();
  std::vector<ObjectionRow> objections_of(std::int64_t seq);

  // ---- good-deed claims ----
  std::int64_t add_claim(db::Transaction& tx, std::int64_t resident_id, std::int64_t household_id,
                         const std::string& rule_id, const std::string& note, std::int64_t at);
  void add_claim_review(db::Transaction& tx, std::int64_t claim_id, bool approved, std::int64_t staff_id,
                        const std::string& reason, std::optional<std::int64_t> entry_seq, std::int64_t at);
  std::optional<ClaimRow> claim(std::int64_t id);
  std::vector<ClaimRow> open_claims();

  // ---- balances and boards ----
  PointsBalance resident_balance(std::int64_t resident_id);
  HouseholdStanding household_standing(std::int64_t household_id);
  // Households by final points, best first (or worst first), optionally of one grid.
  std::vector<BoardRow> board(std::optional<std::int64_t> grid_id, int limit, bool worst_first);
  // Households with a rule-based deduction that is final, worst first (黑榜 material).
  std::vector<BoardRow> deduction_board(int limit);

  // ---- shop ----
  std::int64_t add_goods(db::Transaction& tx, const GoodsRow& g, std::optional<std::int64_t> staff_id,
                         std::int64_t at);
  void move_stock(db::Transaction& tx, std::int64_t goods_id, std::int64_t delta, const std::string& reason,
                  std::optional<std::int64_t> staff_id, std::int64_t at);
  std::vector<GoodsRow> goods();
  std::optional<GoodsRow> goods_item(std::int64_t id);
  std::int64_t add_redemption(db::Transaction& tx, const std::string& code, std::int64_t goods_id,
                              std::int64_t household_id, std::optional<std::int64_t> resident_id,
                              std::int64_t entry_seq, std::int64_t at);
  void add_redemption_event(db::Transaction& tx, std::int64_t redemption_id, const std::string& kind,
                            std::optional<std::int64_t> staff_id, std::optional<std::int64_t> reversal_seq,
                            std::int64_t at);
  std::optional<RedemptionRow> redemption(std::int64_t id);
  std::optional<RedemptionRow> redemption_by_code(const std::string& code);
  // Reserved and not yet collected or cancelled, oldest first.
  std::vector<RedemptionRow> open_redemptions();

  // ---- conflicts (entries from elsewhere that took a balance below zero) ----
  void add_conflict(db::Transaction& tx, std::int64_t seq, std::int64_t household_id, std::int64_t balance_before,
                    std::int64_t at);
  std::vector<ConflictRow> conflicts();

  // ---- staff summary: entries made in [from, to) by grid and by rule ----
  std::vector<SummaryRow> summary_by_grid(std::int64_t from, std::int64_t to);
  std::vector<SummaryRow> summary_by_rule(std::int64_t from, std::int64_t to);

 private:
  void add_to_totals(db::Transaction& tx, std::int64_t household_id, std::optional<std::int64_t> resident_id,
                     std::int64_t final_delta, std::int64_t pending_delta);
  std::vector<PointsEntryView> views(db::Statement& st);
  db::Database& db_;
};

}  // namespace vsk::store
