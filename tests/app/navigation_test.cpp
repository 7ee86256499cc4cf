// Back through the whole app: the navigation stack and identification's continuation, as a
// resident and a staff member walk the screens (KioskApp::dispatch, the real demo village).
#include <gtest/gtest.h>

#include "support/village_fixture.h"

using namespace vsk;
using app::Screen;

namespace {

class NavigationTest : public test_support::VillageFixture {
 protected:
  NavigationTest() : app_(app::AppServices{store_, clock_, hasher_, *service_}, app::AppOptions{}) {}

  void type(const std::string& chars) {
    for (char c : chars) app_.dispatch(app::Key{c});
  }
  void submit() { app_.dispatch(app::Submit{}); }
  void back() { app_.dispatch(app::Back{}); }
  void identify() {
    type(demo_resident().id_number);
    submit();
    type(village_.demo_logins.at(0).pin);
    submit();
  }
  void log_in(const std::string& staff_no, const std::string& pin) {
    type(staff_no);
    submit();
    type(pin);
    submit();
  }
  void open_service() {
    app_.dispatch(app::OpenRequests{});
    app_.dispatch(app::PickCategory{"certificates"});
    app_.dispatch(app::PickService{"residence_certificate"});
  }
  Screen screen() const { return app_.state().screen; }

  app::KioskApp app_;
};

TEST_F(NavigationTest, IdentifyForAServiceBacksToTheServiceAndContinuesToTheForm) {
  open_service();
  app_.dispatch(app::StartForm{});
  ASSERT_EQ(screen(), Screen::kIdentify);
  back();
  EXPECT_EQ(screen(), Screen::kServiceDetail) << "back from the ID step: the service that asked";
  app_.dispatch(app::StartForm{});
  identify();
  EXPECT_EQ(screen(), Screen::kFormField) << "the continuation: the form's first question";
  back();
  EXPECT_EQ(screen(), Screen::kServiceDetail) << "the identify screen left the stack";
  back();
  EXPECT_EQ(screen(), Screen::kCatalog);
  EXPECT_EQ(app_.state().draft.category, "certificates");
  back();
  EXPECT_EQ(screen(), Screen::kCatalog);
  EXPECT_TRUE(app_.state().draft.category.empty()) << "within the catalog: the categories";
  back();
  EXPECT_EQ(screen(), Screen::kHome);
  EXPECT_FALSE(app_.state().resident) << "back home forgets the resident";
}

TEST_F(NavigationTest, ThePinStepBacksToTheIdStepThenHome) {
  app_.dispatch(app::OpenPoints{});
  type(demo_resident().id_number);
  submit();
  ASSERT_EQ(app_.state().keypad.step, app::EntryStep::kPin);
  back();
  EXPECT_EQ(screen(), Screen::kIdentify);
  EXPECT_EQ(app_.state().keypad.step, app::EntryStep::kIdNumber);
  EXPECT_TRUE(app_.state().keypad.entry.empty());
  back();
  EXPECT_EQ(screen(), Screen::kHome);
}

TEST_F(NavigationTest, MyRequestsFromTrackingIdentifiesFromHomeAndSitsOnTheResidentHome) {
  app_.dispatch(app::OpenTrack{});
  app_.dispatch(app::OpenMyRequests{});
  ASSERT_EQ(screen(), Screen::kIdentify);
  back();
  EXPECT_EQ(screen(), Screen::kHome) << "as before the stack: not back to tracking";
  app_.dispatch(app::OpenTrack{});
  app_.dispatch(app::OpenMyRequests{});
  identify();
  ASSERT_EQ(screen(), Screen::kMyRequests);
  back();
  EXPECT_EQ(screen(), Screen::kResidentHome);
  ASSERT_TRUE(app_.state().resident);
  back();
  EXPECT_EQ(screen(), Screen::kHome);
  EXPECT_FALSE(app_.state().resident);
}

TEST_F(NavigationTest, TheContinuationIsForgottenWhenIdentificationIsLeft) {
  open_service();
  app_.dispatch(app::StartForm{});
  back();  // the form's continuation is dropped with the identify screen
  app_.dispatch(app::Home{});
  app_.dispatch(app::OpenPoints{});
  identify();
  EXPECT_NE(screen(), Screen::kFormField) << "积分查询 must not continue into the earlier form";
  EXPECT_EQ(screen(), Screen::kResidentHome) << "no points service here: the resident home";
}

TEST_F(NavigationTest, StaffScreensBackToTheAdminHomeThenLogOut) {
  app_.dispatch(app::OpenStaffLogin{});
  log_in("0001", village_.staff.at(0).pin);
  ASSERT_EQ(screen(), Screen::kAdminHome);
  app_.dispatch(app::OpenAdminFeature{"admin.requests"});
  ASSERT_EQ(screen(), Screen::kStaffQueue);
  app_.dispatch(app::QueueFilterBy{app::QueueFilter::kGrid});
  ASSERT_EQ(screen(), Screen::kStaffPick);
  back();
  EXPECT_EQ(screen(), Screen::kStaffQueue) << "a filter's pick page backs to the queue";
  app_.dispatch(app::StaffFileOnBehalf{});
  EXPECT_EQ(screen(), Screen::kCatalog);
  back();
  EXPECT_EQ(screen(), Screen::kAdminHome) << "代办's catalog sits on the admin home";
  ASSERT_TRUE(app_.state().staff);
  back();
  EXPECT_EQ(screen(), Screen::kHome);
  EXPECT_FALSE(app_.state().staff) << "back from the admin home logs out";
}

TEST_F(NavigationTest, TakeoverKeepsTheResidentsScreensOverTheStaffSession) {
  open_service();
  app_.dispatch(app::StartForm{});
  identify();
  ASSERT_EQ(screen(), Screen::kFormField);
  app_.dispatch(app::CallStaff{});
  app_.dispatch(app::StaffTakeOver{});
  ASSERT_EQ(screen(), Screen::kStaffLogin);
  back();
  EXPECT_EQ(screen(), Screen::kFormField) << "nobody took over: the resident's question again";
  app_.dispatch(app::StaffTakeOver{});
  log_in("0002", village_.staff.at(1).pin);
  ASSERT_EQ(screen(), Screen::kFormField);
  back();
  EXPECT_EQ(screen(), Screen::kServiceDetail);
  back();
  back();  // the category's services, then the categories
  back();
  EXPECT_EQ(screen(), Screen::kAdminHome) << "the clerk's session stays under the resident's screens";
  EXPECT_TRUE(app_.state().staff);
}

}  // namespace
