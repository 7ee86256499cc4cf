// The points screens' logic through KioskApp actions, on the seeded demo year: what the
// resident and staff screens are given, and that their taps reach the ledger.
#include "app/points_flow.h"

#include <gtest/gtest.h>

#include "support/village_fixture.h"
#include "app/demo_points.h"
#include "app/points_rules_loader.h"

using namespace vsk;
using app::Screen;

namespace {

class PointsFlowTest : public test_support::VillageFixture {
 protected:
  PointsFlowTest()
      : rules_(app::load_points_rules(std::string(VSK_SOURCE_DIR) + "/assets/points/rules.json")),
        points_(store_, rules_, clock_, random_) {
    app::seed_demo_points(store_, rules_, clock_.unix_seconds());
    app::AppServices services{store_, clock_, hasher_, *service_};
    services.points = &points_;
    app_ = std::make_unique<app::KioskApp>(services, app::AppOptions{});
  }
  void act(const app::Action& a) { app_->dispatch(a); }
  void type(const std::string& chars) {
    for (char c : chars) act(app::Key{c});
  }
  void identify(int i = 0) {
    act(app::OpenPoints{});
    type(demo_resident(i).id_number);
    act(app::Submit{});
    type(village_.demo_logins.at(i).pin);
    act(app::Submit{});
  }
  void staff_login(const std::string& no, const std::string& pin) {
    act(app::OpenStaffLogin{});
    type(no);
    act(app::Submit{});
    type(pin);
    act(app::Submit{});
  }
  const app::ViewState& state() const { return app_->state(); }

  core::PointsRules rules_;
  app::PointsService points_;
  std::unique_ptr<app::KioskApp> app_;
};

TEST_F(PointsFlowTest, DemoYearHasEveryState) {
  EXPECT_GT(store_.points().count(), 500);
  EXPECT_FALSE(store_.points().pending_approvals().empty());
  EXPECT_EQ(store_.points().open_objections().size(), 1u);
  EXPECT_EQ(store_.points().open_claims().size(), 1u);
  EXPECT_GE(store_.points().goods().size(), 5u);
  EXPECT_TRUE(store_.points().verify().ok);
  int in_notice = 0;
  for (const auto& v : store_.points().household_history(store_.residents().find(demo_resident_id())->household_id, 100, 0))
    if (points_.state_of(v) == core::PointsState::kInNotice) ++in_notice;
  EXPECT_GT(in_notice, 0);
}

TEST_F(PointsFlowTest, IdentificationLeadsToMyPoints) {
  identify();
  ASSERT_EQ(state().screen, Screen::kPointsHome);
  const auto hh = store_.residents().find(demo_resident_id())->household_id;
  const auto s = store_.points().household_standing(hh);
  EXPECT_EQ(state().points.household_final, s.balance.final_points);
  EXPECT_EQ(state().points.household_pending, s.balance.pending_points);
  EXPECT_EQ(state().points.rank, s.rank);
  EXPECT_EQ(state().points.households, 300);
  EXPECT_GT(state().points.in_notice, 0);
}

TEST_F(PointsFlowTest, HistoryPagesAndBackComesHome) {
  identify();
  act(app::PointsHistory{});
  ASSERT_EQ(state().screen, Screen::kPointsHistory);
  ASSERT_EQ(state().points.rows.size(), 4u);
  EXPECT_TRUE(state().points.has_more);
  const auto first = state().points.rows.front().seq;
  act(app::PointsPage{1});
  EXPECT_EQ(state().points.page, 1);
  EXPECT_LT(state().points.rows.front().seq, first) << "newest first, the next page older";
  act(app::Back{});
  EXPECT_EQ(state().screen, Screen::kPointsHome);
}

TEST_F(PointsFlowTest, ObjectionFromTheNoticeScreen) {
  identify(1);
  act(app::PointsNotice{});
  ASSERT_EQ(state().screen, Screen::kPointsNotice);
  const app::PointsRow* target = nullptr;
  for (const auto& r : state().points.rows)
    if (r.may_object && r.state == "in_notice") target = &r;
  ASSERT_NE(target, nullptr);
  const auto seq = target->seq;
  act(app::PointsObject{seq});
  ASSERT_EQ(state().screen, Screen::kPointsPhrases);
  act(app::PointsPhrase{state().points.phrases.front()});
  EXPECT_EQ(state().notice->key, "points.objection_filed");
  EXPECT_EQ(points_.state_of(*store_.points().entry(seq)), core::PointsState::kObjected);
  EXPECT_EQ(store_.points().objections_of(seq).back().reason, "objection.phrase.not_me");
}

TEST_F(PointsFlowTest, ShopReservationShowsACode) {
  identify();
  act(app::PointsShop{});
  ASSERT_EQ(state().screen, Screen::kPointsShop);
  const auto before = state().points.spendable;
  const auto& soap = state().points.goods.front();
  const auto soap_id = soap.id;
  const auto price = soap.price;
  act(app::PointsPickGoods{soap_id});
  act(app::PointsReserve{});
  ASSERT_EQ(state().screen, Screen::kPointsRedeemed);
  EXPECT_EQ(state().points.redeemed_code.substr(0, 2), "DH");
  EXPECT_EQ(state().points.spendable, before - price);
  EXPECT_TRUE(store_.points().redemption_by_code(state().points.redeemed_code));
}

TEST_F(PointsFlowTest, BoardsArePublicMaskedAndBlackOnlyWhenEnabled) {
  act(app::PointsBoard{});
  ASSERT_EQ(state().screen, Screen::kPointsBoard);
  ASSERT_FALSE(state().points.board.empty());
  for (const auto& b : state().points.board) EXPECT_NE(b.name.find('*'), std::string::npos) << b.name;
  act(app::PointsBoard{app::BoardScope::kBlack, 0});
  EXPECT_EQ(state().points.board_scope.scope, app::BoardScope::kVillage) << "no 黑榜 unless the village turns it on";
  {
    auto tx = store_.begin();
    store_.settings().set(tx, app::points_setting::kBlackBoard, "1");
    tx.commit();
  }
  act(app::PointsBoard{app::BoardScope::kBlack, 0});
  EXPECT_EQ(state().points.board_scope.scope, app::BoardScope::kBlack);
  ASSERT_FALSE(state().points.board.empty());
  for (const auto& b : state().points.board) {
    EXPECT_FALSE(b.rule.zh.empty()) << "a rule name, never free text";
    EXPECT_NE(b.name.find('*'), std::string::npos);
  }
  act(app::Back{});
  EXPECT_EQ(state().screen, Screen::kHome);
}

TEST_F(PointsFlowTest, StaffAwardsByIdNumberAndRule) {
  staff_login("0002", "135790");
  act(app::OpenAdminFeature{"admin.points"});
  ASSERT_EQ(state().screen, Screen::kStaffPoints);
  act(app::PointsStaffAward{});
  type("12345");  // not a household
  act(app::Submit{});
  EXPECT_EQ(state().error->key, "points.err.unknown_household");
  for (int i = 0; i < 5; ++i) act(app::Backspace{});
  type(demo_resident().id_number);
  act(app::Submit{});
  ASSERT_FALSE(state().points.award_subject.empty());
  const auto count = store_.points().count();
  act(app::PointsPickRule{"legal_study"});
  act(app::PointsConfirmAward{});
  EXPECT_EQ(state().notice->key, "points.awarded");
  EXPECT_EQ(store_.points().count(), count + 1);
  const auto e = store_.points().entry(count + 1)->entry;
  EXPECT_EQ(e.rule_id, "legal_study");
  EXPECT_EQ(e.resident_id, demo_resident_id());
  EXPECT_EQ(e.staff_id, staff_id("0002"));
}

TEST_F(PointsFlowTest, ClerkCannotResolveObjectionsFromTheScreen) {
  staff_login("0002", "135790");
  act(app::OpenAdminFeature{"admin.points"});
  act(app::PointsStaffList{"objections"});
  ASSERT_EQ(state().points.items.size(), 1u);
  const app::PointsStaffAct uphold = state().points.items[0].actions[0].act;
  act(uphold);
  ASSERT_EQ(state().screen, Screen::kPointsPhrases);
  act(app::PointsPhrase{state().points.phrases.front()});
  EXPECT_EQ(state().error->key, "points.err.not_permitted");
  EXPECT_EQ(store_.points().open_objections().size(), 1u);
}

}  // namespace
