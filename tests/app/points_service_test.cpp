// The points system end to end at the service level: real SQLite file, real rules, manual clock.
#include "app/points_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/village_fixture.h"
#include "support/store_access.h"
#include "app/points_rules_loader.h"

using namespace vsk;
using core::PointsState;

namespace {

constexpr std::int64_t kDay = 86400;

class PointsServiceTest : public test_support::VillageFixture {
 protected:
  PointsServiceTest()
      : rules_(app::load_points_rules(std::string(VSK_SOURCE_DIR) + "/assets/points/rules.json")),
        points_(store_, rules_, clock_, random_) {}

  std::int64_t award(const std::string& rule, std::optional<std::int64_t> resident = {},
                     const std::string& staff = "0002") {
    app::AwardInput in;
    in.staff_id = staff_id(staff);
    in.resident_id = resident ? resident : std::optional<std::int64_t>(demo_resident_id());
    in.rule_id = rule;
    auto r = points_.award(in);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().key);
    return r.ok() ? r.value() : 0;
  }
  std::int64_t household() { return store_.residents().find(demo_resident_id())->household_id; }
  store::HouseholdStanding standing() {
    points_.settle();
    return store_.points().household_standing(household());
  }
  PointsState state(std::int64_t seq) { return points_.state_of(*store_.points().entry(seq)); }
  // The balance recomputed from scratch: the sum of the deltas of the entries that are final now.
  std::int64_t sum_of_final(std::int64_t hh) {
    std::int64_t sum = 0;
    for (const auto& v : store_.points().household_history(hh, 100000, 0))
      if (points_.state_of(v) == PointsState::kFinal) sum += v.entry.delta;
    return sum;
  }
  void advance_days(double days) { clock_.advance_ms(static_cast<std::int64_t>(days * kDay * 1000)); }
  std::int64_t add_goods(std::int64_t price, std::int64_t stock) {
    store::GoodsRow g{0, "洗衣皂", "Soap", price, "points/goods/soap.png", stock};
    return points_.add_goods(staff_id("0002"), g).value();
  }

  core::PointsRules rules_;
  app::PointsService points_;
};

TEST_F(PointsServiceTest, EntryIsPendingDuringNoticeAndFinalAfter) {
  const std::int64_t seq = award("volunteer_service");  // +5, person
  EXPECT_EQ(state(seq), PointsState::kInNotice);
  EXPECT_EQ(standing().balance.final_points, 0);
  EXPECT_EQ(standing().balance.pending_points, 5);
  EXPECT_EQ(store_.points().resident_balance(demo_resident_id()).pending_points, 5);
  advance_days(7 - 0.001);
  EXPECT_EQ(state(seq), PointsState::kInNotice);
  EXPECT_EQ(standing().balance.final_points, 0);
  advance_days(0.002);
  EXPECT_EQ(state(seq), PointsState::kFinal);
  EXPECT_EQ(standing().balance.final_points, 5);
  EXPECT_EQ(standing().balance.pending_points, 0);
  EXPECT_EQ(store_.points().resident_balance(demo_resident_id()).final_points, 5);
}

TEST_F(PointsServiceTest, NoticePeriodIsAVillageSetting) {
  {
    auto tx = store_.begin();
    store_.settings().set(tx, app::points_setting::kNoticeDays, "5");
    tx.commit();
  }
  const std::int64_t seq = award("village_meeting");
  advance_days(5.001);
  EXPECT_EQ(state(seq), PointsState::kFinal);
  EXPECT_EQ(standing().balance.final_points, 2);
}

TEST_F(PointsServiceTest, BalanceIsSumOfFinalEntries) {
  award("volunteer_service");
  award("clean_courtyard");
  award("littering");
  advance_days(3);
  award("garbage_sorting");
  award("legal_study");
  advance_days(5);  // the first three are final, the last two still in notice
  const auto s = standing();
  EXPECT_EQ(s.balance.final_points, sum_of_final(household()));
  EXPECT_EQ(s.balance.final_points, 5 + 2 - 2);
  EXPECT_EQ(s.balance.pending_points, 2 + 2);
}

TEST_F(PointsServiceTest, LargeEntriesNeedASecondStaffMember) {
  const std::int64_t big = award("civilized_family");  // 20 = threshold
  const std::int64_t small = award("filial_piety");     // 15 < threshold
  EXPECT_EQ(state(big), PointsState::kPendingApproval);
  EXPECT_EQ(state(small), PointsState::kInNotice);
  advance_days(30);
  EXPECT_EQ(state(big), PointsState::kPendingApproval) << "no notice runs before approval";
  EXPECT_EQ(standing().balance.final_points, 15);
  // Clerks may not approve; the admin may, but not their own entry.
  EXPECT_EQ(points_.decide_approval(staff_id("0003"), big, true, "").error().key, "points.err.not_permitted");
  const std::int64_t own = award("illegal_building", {}, "0001");
  EXPECT_EQ(points_.decide_approval(staff_id("0001"), own, true, "").error().key, "points.err.same_staff");
  ASSERT_TRUE(points_.decide_approval(staff_id("0001"), big, true, "").ok());
  EXPECT_EQ(state(big), PointsState::kInNotice);
  advance_days(7.001);
  EXPECT_EQ(state(big), PointsState::kFinal);
  EXPECT_EQ(standing().balance.final_points, 35);
  EXPECT_EQ(store_.points().pending_approvals().size(), 1u);  // `own`
}

TEST_F(PointsServiceTest, ThresholdIsConfigurable) {
  {
    auto tx = store_.begin();
    store_.settings().set(tx, app::points_setting::kApprovalThreshold, "5");
    tx.commit();
  }
  EXPECT_EQ(state(award("volunteer_service")), PointsState::kPendingApproval);
  EXPECT_EQ(state(award("village_meeting")), PointsState::kInNotice);
}

TEST_F(PointsServiceTest, RefusedApprovalIsReversed) {
  const std::int64_t big = award("good_samaritan");
  ASSERT_TRUE(points_.decide_approval(staff_id("0001"), big, false, "无证明").ok());
  const auto v = store_.points().entry(big);
  ASSERT_TRUE(v->reversed_by);
  EXPECT_EQ(store_.points().entry(*v->reversed_by)->entry.delta, -30);
  EXPECT_EQ(standing().balance.final_points, 0);
  EXPECT_EQ(standing().balance.pending_points, 0);
  EXPECT_EQ(sum_of_final(household()), 0);
}

TEST_F(PointsServiceTest, ObjectionUpheldReversesTheEntry) {
  const std::int64_t seq = award("littering");  // -2, household
  const std::int64_t neighbour = demo_resident_id(1);
  auto o = points_.object(neighbour, seq, "objection.phrase.not_me");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(state(seq), PointsState::kObjected);
  advance_days(10);
  EXPECT_EQ(state(seq), PointsState::kObjected) << "an open objection holds the entry past its notice";
  EXPECT_EQ(standing().balance.final_points, 0);
  EXPECT_EQ(standing().balance.pending_points, -2);
  EXPECT_EQ(points_.resolve(staff_id("0002"), o.value(), true, "x").error().key, "points.err.not_permitted");
  ASSERT_TRUE(points_.resolve(staff_id("0001"), o.value(), true, "resolution.phrase.wrong_household").ok());
  EXPECT_EQ(state(seq), PointsState::kFinal);
  EXPECT_TRUE(store_.points().entry(seq)->reversed_by);
  EXPECT_EQ(standing().balance.final_points, 0);
  EXPECT_EQ(standing().balance.pending_points, 0);
  EXPECT_EQ(sum_of_final(household()), 0);
  EXPECT_EQ(points_.resolve(staff_id("0001"), o.value(), false, "again").error().key, "points.err.objection_closed");
}

TEST_F(PointsServiceTest, ObjectionDismissedMakesTheEntryFinal) {
  const std::int64_t seq = award("littering");
  auto o = points_.object(demo_resident_id(), seq, "objection.phrase.wrong_date");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(points_.object(demo_resident_id(), seq, "again").error().key, "points.err.already_objected");
  advance_days(1);
  ASSERT_TRUE(points_.resolve(staff_id("0001"), o.value(), false, "resolution.phrase.photo_confirms").ok());
  EXPECT_EQ(state(seq), PointsState::kFinal);
  EXPECT_FALSE(store_.points().entry(seq)->reversed_by);
  EXPECT_EQ(standing().balance.final_points, -2);
  EXPECT_EQ(sum_of_final(household()), -2);
}

TEST_F(PointsServiceTest, NoObjectionAfterTheNotice) {
  const std::int64_t seq = award("littering");
  advance_days(7.5);
  EXPECT_EQ(points_.object(demo_resident_id(), seq, "late").error().key, "points.err.not_in_notice");
  EXPECT_EQ(points_.object(demo_resident_id(), seq, "").error().key, "points.err.reason_needed");
}

TEST_F(PointsServiceTest, MonthlyLimitIsEnforced) {
  award("blood_donation");  // at most once a month
  app::AwardInput in{staff_id("0002"), demo_resident_id(), {}, "blood_donation", "", ""};
  EXPECT_EQ(points_.award(in).error().key, "points.err.monthly_limit");
  advance_days(31);
  EXPECT_TRUE(points_.award(in).ok());
}

TEST_F(PointsServiceTest, PermissionsForPoints) {
  app::AwardInput in{staff_id("0101"), demo_resident_id(), {}, "village_meeting", "", ""};
  EXPECT_EQ(points_.award(in).error().key, "points.err.not_permitted");  // grid worker
  in.staff_id = staff_id("0201");
  EXPECT_EQ(points_.award(in).error().key, "points.err.not_permitted");  // volunteer
  store::GoodsRow g{0, "毛巾", "Towel", 20, "", 3};
  EXPECT_EQ(points_.add_goods(staff_id("0101"), g).error().key, "points.err.not_permitted");
  EXPECT_TRUE(points_.add_goods(staff_id("0002"), g).ok());
  EXPECT_EQ(store_.points().count(), 0);
}

TEST_F(PointsServiceTest, StaffActionsAreAudited) {
  const auto before = store_.audit().count();
  const std::int64_t seq = award("good_samaritan");
  ASSERT_TRUE(points_.decide_approval(staff_id("0001"), seq, true, "").ok());
  const auto rows = store_.audit().list(10, static_cast<int>(before));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "points.award");
  EXPECT_EQ(rows[0].target, "points:" + std::to_string(seq));
  EXPECT_EQ(rows[1].action, "points.approve");
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(PointsServiceTest, GoodDeedClaimEntersLedgerOnlyWhenApproved) {
  auto c = points_.declare(demo_resident_id(), "help_elderly", "claim.phrase.helped_neighbour");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(points_.declare(demo_resident_id(), "littering", "").error().key, "points.err.claim_rule");
  EXPECT_EQ(store_.points().count(), 0);
  ASSERT_TRUE(points_.review_claim(staff_id("0002"), c.value(), true, "").ok());
  EXPECT_EQ(store_.points().count(), 1);
  EXPECT_EQ(store_.points().claim(c.value())->decision, "approved");
  EXPECT_EQ(points_.review_claim(staff_id("0002"), c.value(), true, "").error().key, "points.err.claim_closed");
  auto refused = points_.declare(demo_resident_id(), "help_elderly", "");
  ASSERT_TRUE(points_.review_claim(staff_id("0002"), refused.value(), false, "no witness").ok());
  EXPECT_EQ(store_.points().count(), 1);
}

TEST_F(PointsServiceTest, RedemptionSpendsFinalPointsAndStock) {
  award("volunteer_service");
  award("environment_upkeep");
  const std::int64_t goods = add_goods(6, 1);
  EXPECT_EQ(points_.reserve(demo_resident_id(), goods).error().key, "points.err.not_enough_points")
      << "pending points cannot be spent";
  advance_days(8);
  auto r = points_.reserve(demo_resident_id(), goods);
  ASSERT_TRUE(r.ok()) << r.error().key;
  EXPECT_EQ(r.value().balance_after, 2);
  EXPECT_EQ(r.value().code.size(), 8u);
  EXPECT_EQ(standing().balance.final_points, 2);
  EXPECT_EQ(store_.points().goods_item(goods)->stock, 0);
  EXPECT_EQ(points_.reserve(demo_resident_id(), goods).error().key, "points.err.out_of_stock");
  // Cancelling gives both back, through a reversal entry.
  ASSERT_TRUE(points_.cancel_reservation(staff_id("0002"), r.value().redemption_id).ok());
  EXPECT_EQ(standing().balance.final_points, 8);
  EXPECT_EQ(store_.points().goods_item(goods)->stock, 1);
  EXPECT_TRUE(store_.points().entry(r.value().entry_seq)->reversed_by);
  EXPECT_EQ(points_.collect(staff_id("0002"), r.value().redemption_id).error().key, "points.err.redemption_closed");
  auto again = points_.reserve(demo_resident_id(), goods);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(points_.collect(staff_id("0002"), again.value().redemption_id).ok());
  EXPECT_TRUE(store_.points().open_redemptions().empty());
  EXPECT_EQ(sum_of_final(household()), standing().balance.final_points);
}

TEST_F(PointsServiceTest, PendingDeductionsReduceWhatCanBeSpent) {
  award("volunteer_service");
  advance_days(8);
  award("littering");  // -2, in notice
  const std::int64_t goods = add_goods(4, 5);
  EXPECT_EQ(points_.spendable(household()), 3);
  EXPECT_TRUE(points_.reserve(demo_resident_id(), goods).error().key == "points.err.not_enough_points");
}

// Two kiosk connections reserve at the same moment: the household can afford 3 of the 5 items;
// exactly 3 succeed, and neither balance nor stock goes below zero.
TEST_F(PointsServiceTest, RacingRedemptionsNeverGoNegative) {
  for (const char* rule : {"volunteer_service", "environment_upkeep", "help_elderly", "village_meeting"})
    award(rule);  // 5 + 3 + 3 + 2 = 13
  advance_days(8);
  const std::int64_t goods = add_goods(4, 5);
  points_.settle();
  std::atomic<int> ok{0}, refused{0};
  const std::int64_t resident = demo_resident_id();
  auto worker = [&] {
    store::KioskStore own(dir_.file("kiosk.db"), cipher_);
    platform::SequenceRandom own_random;  // one per thread, like one connection per thread
    app::PointsService svc(own, rules_, clock_, own_random);
    for (int i = 0; i < 4; ++i) (svc.reserve(resident, goods).ok() ? ok : refused)++;
  };
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  EXPECT_EQ(ok.load(), 3);
  EXPECT_EQ(refused.load(), 5);
  EXPECT_EQ(standing().balance.final_points, 1);
  EXPECT_EQ(store_.points().goods_item(goods)->stock, 2);
  EXPECT_EQ(sum_of_final(household()), 1);
}

TEST_F(PointsServiceTest, StockRaceNeverGoesNegative) {
  for (const char* rule : {"volunteer_service", "environment_upkeep", "help_elderly", "village_meeting"})
    award(rule);
  advance_days(8);
  const std::int64_t goods = add_goods(1, 2);
  std::atomic<int> ok{0};
  const std::int64_t resident = demo_resident_id();
  auto worker = [&] {
    store::KioskStore own(dir_.file("kiosk.db"), cipher_);
    platform::SequenceRandom own_random;  // one per thread, like one connection per thread
    app::PointsService svc(own, rules_, clock_, own_random);
    for (int i = 0; i < 3; ++i)
      if (svc.reserve(resident, goods).ok()) ++ok;
  };
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  EXPECT_EQ(ok.load(), 2);
  EXPECT_EQ(store_.points().goods_item(goods)->stock, 0);
}

TEST_F(PointsServiceTest, ExternalEntryBelowZeroIsAConflict) {
  award("volunteer_service");
  advance_days(8);
  auto fine = points_.apply_external_entry({household(), {}, "unpaid_fees", -3, "township", "township", 0});
  EXPECT_FALSE(fine.conflict);
  EXPECT_TRUE(store_.points().conflicts().empty());
  auto bad = points_.apply_external_entry({household(), {}, "illegal_building", -20, "township", "township", 0});
  EXPECT_TRUE(bad.conflict);
  const auto c = store_.points().conflicts();
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].entry_seq, bad.seq);
  EXPECT_EQ(c[0].balance_before, 2);
  EXPECT_EQ(c[0].delta, -20);
  EXPECT_EQ(standing().balance.final_points, -18) << "kept as sent, surfaced rather than hidden";
}

TEST_F(PointsServiceTest, RankInVillageAndGrid) {
  award("volunteer_service");
  advance_days(8);
  const auto s = standing();
  EXPECT_EQ(s.rank, 1);
  EXPECT_EQ(s.grid_rank, 1);
  EXPECT_GT(s.households, s.grid_households);
  const std::int64_t other = demo_resident_id(1);
  award("civilized_family", other);  // 20, needs approval
  ASSERT_TRUE(points_.decide_approval(staff_id("0001"), store_.points().count(), true, "").ok());
  advance_days(8);
  EXPECT_EQ(standing().rank, 2);
  const auto board = store_.points().board(std::nullopt, 3, false);
  EXPECT_EQ(board[0].final_points, 20);
  EXPECT_EQ(board[1].final_points, 5);
}

// Issue 16 defect 5: redeeming in the 积分超市 must not lower a household on the public 红榜
// (failed on the old code: the board ranked what was left to spend, 2 points, second place).
TEST_F(PointsServiceTest, TheRedBoardRanksWhatAHouseholdEarnedNotWhatItHasLeft) {
  award("volunteer_service");  // 5
  const std::int64_t other = demo_resident_id(1);
  award("civilized_family", other);  // 20, needs approval
  ASSERT_TRUE(points_.decide_approval(staff_id("0001"), store_.points().count(), true, "").ok());
  advance_days(8);
  points_.settle();
  const std::int64_t other_household = store_.residents().find(other)->household_id;
  auto r = points_.reserve(other, add_goods(18, 1));
  ASSERT_TRUE(r.ok()) << r.error().key;
  auto board = store_.points().board(std::nullopt, 3, false);
  ASSERT_GE(board.size(), 2u);
  EXPECT_EQ(board[0].household_id, other_household);
  EXPECT_EQ(board[0].rank, 1);
  EXPECT_EQ(board[0].earned_points, 20);
  EXPECT_EQ(board[0].final_points, 2) << "what is left to spend is still known";
  EXPECT_EQ(board[1].earned_points, 5);
  // A cancelled reservation gives the points back: earned unchanged, spendable again.
  ASSERT_TRUE(points_.cancel_reservation(staff_id("0002"), r.value().redemption_id).ok());
  board = store_.points().board(std::nullopt, 3, false);
  EXPECT_EQ(board[0].earned_points, 20);
  EXPECT_EQ(board[0].final_points, 20);
}

// Issue 16 (smaller): 积分明细 in date order, newest first, even when an entry arrives later than
// it happened (a township entry synced in; failed on the old code, which listed by ledger seq).
TEST_F(PointsServiceTest, HistoryIsInDateOrderNewestFirst) {
  const std::int64_t awarded = award("volunteer_service");
  store::NewPointsEntry late;
  late.at = clock_.unix_seconds() - 10 * kDay;
  late.household_id = household();
  late.resident_id = demo_resident_id();
  late.rule_id = "volunteer_service";
  late.kind = core::PointsKind::kExternal;
  late.delta = 5;
  late.origin = "township";
  late.final_now = true;
  std::int64_t external = 0;
  {
    auto tx = store_.begin();
    external = store_.points().append(tx, late);
    tx.commit();
  }
  const auto rows = store_.points().household_history(household(), 10, 0);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].entry.seq, awarded);
  EXPECT_EQ(rows[1].entry.seq, external);
}

TEST_F(PointsServiceTest, LedgerIsAppendOnly) {
  const std::int64_t seq = award("volunteer_service");
  EXPECT_THROW(test_support::raw_db(store_).exec("UPDATE points_ledger SET delta = 50 WHERE seq = " + std::to_string(seq)), db::DbError);
  EXPECT_THROW(test_support::raw_db(store_).exec("DELETE FROM points_ledger"), db::DbError);
  auto o = points_.object(demo_resident_id(), seq, "x");
  EXPECT_THROW(test_support::raw_db(store_).exec("DELETE FROM points_objections"), db::DbError);
}

}  // namespace
