// Points use cases (积分制): staff award and deduct under the rules, a second staff member
// approves large entries, residents object during the notice period and staff resolve, good
// deeds declared by residents are reviewed, the points shop reserves and hands out goods, and
// entries arriving from elsewhere are applied with conflicts surfaced. Every call checks the
// permission matrix, runs in one store transaction with its audit row, and reports success only
// after the commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/permissions.h"
#include "core/points.h"
#include "core/result.h"
#include "platform/clock.h"
#include "platform/random.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// Village settings for the points system (settings table).
namespace points_setting {
inline constexpr const char* kNoticeDays = "points.notice_days";              // default 7
inline constexpr const char* kApprovalThreshold = "points.approval_threshold";  // default 20
inline constexpr const char* kBlackBoard = "points.black_board";              // "1": the 黑榜 is shown
}  // namespace points_setting

struct AwardInput {
  std::int64_t staff_id = 0;
  std::optional<std::int64_t> resident_id;   // person rules: who; household rules: any member, or...
  std::optional<std::int64_t> household_id;  // ...the household itself
  std::string rule_id;
  std::string reason;    // empty: the rule's name stands
  std::string evidence;  // what staff saw (empty: the rule's evidence)
};

struct RedemptionReceipt {
  std::int64_t redemption_id = 0;
  std::string code;  // shown and printed; staff find the reservation by it
  std::int64_t entry_seq = 0;
  std::int64_t price = 0;
  std::int64_t balance_after = 0;
  std::string goods_zh;
  std::string goods_en;
};

// An entry made elsewhere (township, by sync later), already published there.
struct ExternalEntry {
  std::int64_t household_id = 0;
  std::optional<std::int64_t> resident_id;
  std::string rule_id;
  std::int64_t delta = 0;
  std::string reason;
  std::string origin = "township";
  std::int64_t at = 0;
};

struct ExternalResult {
  std::int64_t seq = 0;
  bool conflict = false;  // it took the household below zero: staff must resolve it
};

// Every name the points screens can show from data (rule and goods names, both languages),
// so the font atlas has their glyphs from the first frame.
std::string points_display_text(const core::PointsRules& rules, store::KioskStore& store);

class PointsService {
 public:
  PointsService(store::KioskStore& store, const core::PointsRules& rules, platform::Clock& clock,
                platform::Random& random);

  core::PointsPolicy policy();
  bool black_board_enabled();
  const core::PointsRules& rules() const { return rules_; }
  core::PointsState state_of(const store::PointsEntryView& v);
  bool may(std::int64_t staff_id, core::Permission p);

  // Makes entries whose notice has ended final (writes only when one is due). Reads call it first.
  void settle();

  core::Result<std::int64_t> award(const AwardInput& in);
  core::Status decide_approval(std::int64_t staff_id, std::int64_t seq, bool approve, const std::string& reason);
  core::Result<std::int64_t> object(std::int64_t resident_id, std::int64_t seq, const std::string& reason);
  core::Status resolve(std::int64_t staff_id, std::int64_t objection_id, bool upheld, const std::string& reason);
  core::Result<std::int64_t> declare(std::int64_t resident_id, const std::string& rule_id, const std::string& note);
  core::Status review_claim(std::int64_t staff_id, std::int64_t claim_id, bool approve, const std::string& reason);

  core::Result<RedemptionReceipt> reserve(std::int64_t resident_id, std::int64_t goods_id);
  core::Status collect(std::int64_t staff_id, std::int64_t redemption_id);
  core::Status cancel_reservation(std::int64_t staff_id, std::int64_t redemption_id);
  core::Result<std::int64_t> add_goods(std::int64_t staff_id, const store::GoodsRow& g);
  core::Status restock(std::int64_t staff_id, std::int64_t goods_id, std::int64_t quantity);

  ExternalResult apply_external_entry(const ExternalEntry& e);
  // Whether the village has this household (a township entry may name one it does not).
  bool knows_household(std::int64_t household_id) { return store_.residents().household_address(household_id).has_value(); }
  // The same inside the caller's transaction (sync applies a pulled page in one).
  ExternalResult apply_external_entry(db::Transaction& tx, const ExternalEntry& e);

  // The household's points that may be spent now: final, less pending deductions.
  std::int64_t spendable(std::int64_t household_id);
  // [start, end) of the calendar month (China time) holding `unix_seconds`.
  static std::pair<std::int64_t, std::int64_t> month_bounds(std::int64_t unix_seconds);

 private:
  std::int64_t now() const { return clock_.unix_seconds(); }
  std::int64_t spendable_in(db::Transaction& tx, std::int64_t household_id);
  core::Result<std::int64_t> award_in(db::Transaction& tx, const AwardInput& in);
  // Appends to the ledger and queues the entry for the township, in `tx`.
  std::int64_t append_entry(db::Transaction& tx, const store::NewPointsEntry& e);

  store::KioskStore& store_;
  const core::PointsRules& rules_;
  platform::Clock& clock_;
  platform::Random& random_;
};

}  // namespace vsk::app
