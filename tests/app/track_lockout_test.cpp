// Tracking a request by number and pickup code (no identification): five wrong codes lock
// look-ups of that number for 15 minutes, and the lock is on disk like the PIN lockout, so
// restarting the kiosk (or letting systemd restart it) does not give a guesser fresh tries.
#include <gtest/gtest.h>

#include "../support/village_fixture.h"
#include "app/kiosk_app.h"

using namespace vsk;
using app::Screen;

namespace {

class TrackLockoutTest : public test_support::VillageFixture {
 protected:
  TrackLockoutTest() {
    app::SubmitInput in;
    in.service_id = "facility_repair";
    in.resident_id = demo_resident_id();
    in.fields = {{"facility", catalog_.find("facility_repair")->fields.at(0).choices.front().id},
                 {"problem", "路灯不亮"},
                 {"noticed_on", "2026-11-22"},
                 {"phone", "13800138000"}};
    receipt_ = service_->submit(in).value();
    app_ = make_app();
  }
  std::unique_ptr<app::KioskApp> make_app() {
    return std::make_unique<app::KioskApp>(app::AppServices{store_, clock_, hasher_, *service_}, app::AppOptions{});
  }
  void type(const std::string& chars) {
    for (char c : chars) app_->dispatch(app::Key{c});
  }
  // The number as typed on the keypad: QS1-1123-001 -> 1123001.
  void track(const std::string& code) {
    app_->dispatch(app::Home{});
    app_->dispatch(app::OpenTrack{});
    type(receipt_.number.substr(4, 4) + receipt_.number.substr(9));
    app_->dispatch(app::Submit{});
    type(code);
    app_->dispatch(app::Submit{});
  }
  std::string wrong_code() const { return receipt_.pickup_code == "000000" ? "111111" : "000000"; }
  std::string error_key() const { return app_->state().error ? app_->state().error->key : ""; }

  app::Receipt receipt_;
  std::unique_ptr<app::KioskApp> app_;
};

}  // namespace

TEST_F(TrackLockoutTest, TheRightCodeShowsTheRequest) {
  track(receipt_.pickup_code);
  EXPECT_EQ(error_key(), "");
  EXPECT_EQ(app_->state().screen, Screen::kRequestDetail);
}

TEST_F(TrackLockoutTest, FiveWrongCodesLockTheNumberEvenAcrossARestart) {
  for (int i = 0; i < 4; ++i) {
    track(wrong_code());
    EXPECT_EQ(error_key(), "track.err.not_found");
  }
  track(wrong_code());
  track(receipt_.pickup_code);
  EXPECT_EQ(error_key(), "track.err.locked");
  EXPECT_EQ(app_->state().error->args.at(0).second, "15");

  app_ = make_app();  // the kiosk restarted
  track(receipt_.pickup_code);
  EXPECT_EQ(error_key(), "track.err.locked") << "a restart must not forget the lock";
  EXPECT_NE(app_->state().screen, Screen::kRequestDetail);

  clock_.advance_ms(15 * 60 * 1000);
  track(receipt_.pickup_code);
  EXPECT_EQ(error_key(), "");
  EXPECT_EQ(app_->state().screen, Screen::kRequestDetail);
}

TEST_F(TrackLockoutTest, WrongCodesCountAcrossARestartToo) {
  for (int i = 0; i < 3; ++i) track(wrong_code());
  app_ = make_app();
  track(wrong_code());
  track(wrong_code());  // the fifth in a row
  track(receipt_.pickup_code);
  EXPECT_EQ(error_key(), "track.err.locked");
}

TEST_F(TrackLockoutTest, TheRightCodeStartsTheCountAgain) {
  for (int i = 0; i < 4; ++i) track(wrong_code());
  track(receipt_.pickup_code);
  ASSERT_EQ(error_key(), "");
  app_ = make_app();
  for (int i = 0; i < 4; ++i) track(wrong_code());
  track(receipt_.pickup_code);
  EXPECT_EQ(error_key(), "") << "four wrong codes after a success must not lock";
}
