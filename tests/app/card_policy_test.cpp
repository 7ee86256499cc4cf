// Issue 15's card policy through KioskApp with an ID card on a fake reader: by default the card
// alone opens my points (reading); a change in the resident's name from such a session (我有异议,
// 申报好人好事, 兑换, 我的申请) asks the PIN first, with the identify step's lockout, then goes on.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "app/card_poller.h"
#include "app/demo_points.h"
#include "app/hardware_setup.h"
#include "app/points_rules_loader.h"
#include "core/id_number.h"
#include "core/pin_lockout.h"
#include "support/village_fixture.h"

using namespace vsk;
using app::EntryStep;
using app::Screen;

namespace {

using namespace std::chrono_literals;

// A reader with a card on it or not; the poller reads it on its own thread.
class FakeReader final : public platform::IdCardReader {
 public:
  void lay(const std::string& id_number) {
    std::lock_guard g(m_);
    id_ = id_number;
  }
  platform::CardRead read() override {
    std::lock_guard g(m_);
    platform::CardRead r;
    r.status = id_.empty() ? platform::CardReadStatus::kNoCard : platform::CardReadStatus::kCard;
    r.card.id_number = id_;
    r.card.valid_to = "长期";
    return r;
  }
  std::string device() const override { return "fake"; }

 private:
  std::mutex m_;
  std::string id_;
};

class CardPolicyTest : public test_support::VillageFixture {
 protected:
  CardPolicyTest()
      : rules_(app::load_points_rules(std::string(VSK_SOURCE_DIR) + "/assets/points/rules.json")),
        points_(store_, rules_, clock_, random_) {
    app::seed_demo_points(store_, rules_, clock_.unix_seconds());
    poller_.start();
    app::AppServices services{store_, clock_, hasher_, *service_};
    services.points = &points_;
    services.cards = &poller_;
    app_ = std::make_unique<app::KioskApp>(services, app::AppOptions{});
  }
  ~CardPolicyTest() override { poller_.stop(); }

  void act(const app::Action& a) { app_->dispatch(a); }
  void type(const std::string& chars) {
    for (char c : chars) act(app::Key{c});
  }
  void set_policy(const std::string& function, const std::string& value) {
    auto tx = store_.begin();
    store_.settings().set(tx, "card.policy." + function, value);
    tx.commit();
  }
  // Lays resident i's card on the reader while the identify step waits, and ticks until the
  // app has taken it (at most two seconds: the poller runs on its own thread).
  void card(int i) {
    ASSERT_EQ(state().screen, Screen::kIdentify);
    ASSERT_EQ(state().keypad.step, EntryStep::kIdNumber);
    reader_.lay(demo_resident(i).id_number);
    for (int n = 0; n < 200; ++n) {
      app_->tick();
      if (state().screen != Screen::kIdentify || state().keypad.step != EntryStep::kIdNumber || state().error) return;
      std::this_thread::sleep_for(10ms);
    }
    FAIL() << "the card was not taken";
  }
  const std::string& pin(int i) const { return village_.demo_logins.at(i).pin; }
  std::string wrong_pin(int i) const { return pin(i) == "909090" ? "808080" : "909090"; }
  // Card alone on 积分查询, then 公示中的积分: the entry resident 1 may object to.
  std::int64_t card_to_notice() {
    act(app::OpenPoints{});
    card(1);
    EXPECT_EQ(state().screen, Screen::kPointsHome);
    act(app::PointsNotice{});
    EXPECT_EQ(state().screen, Screen::kPointsNotice);
    for (const auto& r : state().points.rows)
      if (r.may_object && r.state == "in_notice") return r.seq;
    ADD_FAILURE() << "no entry to object to";
    return 0;
  }
  void expect_pin_asked() {
    EXPECT_EQ(state().screen, Screen::kIdentify);
    EXPECT_EQ(state().keypad.step, EntryStep::kPin);
    EXPECT_TRUE(state().keypad.step_up);
    EXPECT_TRUE(state().keypad.secret);
    EXPECT_EQ(state().keypad.masked_id, core::mask_id_number(demo_resident(1).id_number));
  }
  const app::ViewState& state() const { return app_->state(); }

  core::PointsRules rules_;
  app::PointsService points_;
  FakeReader reader_;
  app::CardPoller poller_{reader_, nullptr, 5ms, 5ms};
  std::unique_ptr<app::KioskApp> app_;
};

TEST_F(CardPolicyTest, DefaultsAreCardForPointsAndCardPinForTheRest) {
  EXPECT_EQ(app::card_policy(store_.settings(), "points"), core::CardPolicy::kCardAlone);
  for (const char* f : {"requests", "my_requests", "notice_opinion"})
    EXPECT_EQ(app::card_policy(store_.settings(), f), core::CardPolicy::kCardAndPin) << f;
  set_policy("points", "card_pin");
  set_policy("requests", "card");
  EXPECT_EQ(app::card_policy(store_.settings(), "points"), core::CardPolicy::kCardAndPin);
  EXPECT_EQ(app::card_policy(store_.settings(), "requests"), core::CardPolicy::kCardAlone);
  set_policy("requests", "nonsense");
  EXPECT_EQ(app::card_policy(store_.settings(), "requests"), core::CardPolicy::kCardAndPin);
}

// Fails on the old code (card + PIN everywhere by default: the PIN step came next).
TEST_F(CardPolicyTest, CardAloneOpensMyPointsByDefault) {
  act(app::OpenPoints{});
  card(1);
  EXPECT_EQ(state().screen, Screen::kPointsHome);
  ASSERT_TRUE(state().resident);
  EXPECT_EQ(state().resident->name, demo_resident(1).name);
  EXPECT_FALSE(state().error);
}

TEST_F(CardPolicyTest, CardStillAsksThePinForMyRequestsByDefault) {
  act(app::OpenMyRequests{});
  card(1);
  EXPECT_EQ(state().screen, Screen::kIdentify);
  EXPECT_EQ(state().keypad.step, EntryStep::kPin);
  EXPECT_FALSE(state().keypad.step_up);
  type(pin(1));
  act(app::Submit{});
  EXPECT_EQ(state().screen, Screen::kMyRequests);
}

// Fails on the old code (no card-alone session by default; with `card` set, 我有异议 went
// straight to the reasons).
TEST_F(CardPolicyTest, ObjectionFromACardAloneSessionAsksThePin) {
  const auto seq = card_to_notice();
  const auto objections = store_.points().objections_of(seq).size();
  act(app::PointsObject{seq});
  expect_pin_asked();
  EXPECT_EQ(store_.points().objections_of(seq).size(), objections) << "nothing filed before the PIN";
}

TEST_F(CardPolicyTest, RightPinContinuesTheObjection) {
  const auto seq = card_to_notice();
  act(app::PointsObject{seq});
  type(pin(1));
  act(app::Submit{});
  ASSERT_EQ(state().screen, Screen::kPointsPhrases);
  EXPECT_EQ(state().points.phrase_for, "object");
  EXPECT_FALSE(state().keypad.step_up);
  act(app::PointsPhrase{state().points.phrases.front()});
  EXPECT_EQ(state().notice->key, "points.objection_filed");
  EXPECT_EQ(points_.state_of(*store_.points().entry(seq)), core::PointsState::kObjected);
  EXPECT_EQ(store_.points().objections_of(seq).back().resident_id, demo_resident_id(1));
  // The PIN counts for the rest of the session: the next change is not asked again.
  act(app::Back{});
  act(app::PointsDeclare{});
  EXPECT_EQ(state().screen, Screen::kPointsDeclare);
}

TEST_F(CardPolicyTest, WrongPinsCountTowardTheLockout) {
  const auto seq = card_to_notice();
  act(app::PointsObject{seq});
  for (int i = 1; i <= 4; ++i) {
    type(wrong_pin(1));
    act(app::Submit{});
    ASSERT_TRUE(state().error);
    EXPECT_EQ(state().error->key, "err.pin_wrong");
    EXPECT_EQ(state().keypad.entry, "") << "the PIN is not left on screen";
    EXPECT_EQ(store_.residents().find(demo_resident_id(1))->pin_attempts.failures, i) << "stored, wrong PIN " << i;
  }
  type(wrong_pin(1));
  act(app::Submit{});
  ASSERT_TRUE(state().error);
  EXPECT_EQ(state().error->key, "err.locked");
  EXPECT_TRUE(core::is_locked(store_.residents().find(demo_resident_id(1))->pin_attempts, clock_.unix_seconds()));
  // Locked: even the right PIN does not go on; nothing was filed.
  type(pin(1));
  act(app::Submit{});
  EXPECT_EQ(state().error->key, "err.locked");
  EXPECT_EQ(state().screen, Screen::kIdentify);
  EXPECT_TRUE(store_.points().objections_of(seq).empty() ||
              store_.points().objections_of(seq).back().resident_id != demo_resident_id(1));
  // The same lock as the identify step's: typing the ID number is refused too.
  act(app::Home{});
  act(app::OpenPoints{});
  type(demo_resident(1).id_number);
  act(app::Submit{});
  ASSERT_TRUE(state().error);
  EXPECT_EQ(state().error->key, "err.locked");
}

TEST_F(CardPolicyTest, BackFromThePinReturnsWhereItWasAsked) {
  const auto seq = card_to_notice();
  const auto rows = state().points.rows.size();
  act(app::PointsObject{seq});
  type("12");
  act(app::Back{});
  EXPECT_EQ(state().screen, Screen::kPointsNotice);
  EXPECT_EQ(state().points.rows.size(), rows);
  EXPECT_FALSE(state().keypad.step_up);
  EXPECT_FALSE(state().error);
  // Still identified by the card: reading goes on, the next change asks again.
  act(app::PointsHistory{});
  EXPECT_EQ(state().screen, Screen::kPointsHistory);
  act(app::Back{});
  act(app::PointsDeclare{});
  expect_pin_asked();
}

TEST_F(CardPolicyTest, GoodDeedAsksThePinThenOpensTheRules) {
  act(app::OpenPoints{});
  card(1);
  act(app::PointsDeclare{});
  expect_pin_asked();
  type(pin(1));
  act(app::Submit{});
  EXPECT_EQ(state().screen, Screen::kPointsDeclare);
  EXPECT_FALSE(state().points.rules.empty());
}

TEST_F(CardPolicyTest, RedemptionAsksThePinThenReserves) {
  act(app::OpenPoints{});
  card(1);
  act(app::PointsShop{});
  ASSERT_EQ(state().screen, Screen::kPointsShop) << "the shop is reading";
  const auto goods = state().points.goods.front().id;
  act(app::PointsPickGoods{goods});
  act(app::PointsReserve{});
  expect_pin_asked();
  EXPECT_FALSE(store_.points().redemption_by_code("DH"));
  type(pin(1));
  act(app::Submit{});
  ASSERT_EQ(state().screen, Screen::kPointsRedeemed);
  EXPECT_TRUE(store_.points().redemption_by_code(state().points.redeemed_code));
}

TEST_F(CardPolicyTest, MyRequestsFromACardAloneSessionAskThePin) {
  act(app::OpenPoints{});
  card(1);
  act(app::OpenMyRequests{});
  expect_pin_asked();
  type(pin(1));
  act(app::Submit{});
  EXPECT_EQ(state().screen, Screen::kMyRequests);
}

TEST_F(CardPolicyTest, AVillageThatSetsCardForMyRequestsIsNotAsked) {
  set_policy("my_requests", "card");
  act(app::OpenPoints{});
  card(1);
  act(app::OpenMyRequests{});
  EXPECT_EQ(state().screen, Screen::kMyRequests);
}

TEST_F(CardPolicyTest, PointsSetToCardPinAskTheDefaultPin) {
  set_policy("points", "card_pin");
  act(app::OpenPoints{});
  card(1);
  EXPECT_EQ(state().screen, Screen::kIdentify);
  EXPECT_EQ(state().keypad.step, EntryStep::kPin);
  type(pin(1));
  act(app::Submit{});
  EXPECT_EQ(state().screen, Screen::kPointsHome);
  act(app::PointsDeclare{});
  EXPECT_EQ(state().screen, Screen::kPointsDeclare) << "a typed PIN: no step-up";
}

}  // namespace
