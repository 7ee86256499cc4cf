// The router's screen stack on its own: open, back, the hooks, and the paths a screen declares.
#include "app/navigator.h"

#include <gtest/gtest.h>

#include <string>

using vsk::app::Navigator;
using vsk::app::Screen;

namespace {

class NavigatorTest : public ::testing::Test {
 protected:
  Screen screen = Screen::kAdminHome;  // reset by the constructor
  Navigator nav{screen};
  std::string log;
};

TEST_F(NavigatorTest, StartsAtHomeAndBackThereSaysHome) {
  EXPECT_EQ(screen, Screen::kHome);
  EXPECT_EQ(nav.back(), Navigator::BackResult::kHome);
  EXPECT_EQ(screen, Screen::kHome);
}

TEST_F(NavigatorTest, BackPopsToTheScreenThatOpenedIt) {
  nav.open(Screen::kCatalog);
  nav.open(Screen::kServiceDetail);
  nav.open(Screen::kFormField);
  EXPECT_EQ(nav.back(), Navigator::BackResult::kPopped);
  EXPECT_EQ(screen, Screen::kServiceDetail);
  EXPECT_EQ(nav.back(), Navigator::BackResult::kPopped);
  EXPECT_EQ(screen, Screen::kCatalog);
  EXPECT_EQ(nav.back(), Navigator::BackResult::kHome);
  EXPECT_EQ(screen, Screen::kHome);
}

TEST_F(NavigatorTest, OpeningAScreenOnTheStackGoesBackDownToIt) {
  nav.open(Screen::kCatalog);
  nav.open(Screen::kServiceDetail);
  nav.open(Screen::kFormField);
  nav.open(Screen::kServiceDetail);
  EXPECT_EQ(nav.stack(), (std::vector<Screen>{Screen::kHome, Screen::kCatalog, Screen::kServiceDetail}));
  nav.open(Screen::kServiceDetail);  // the same screen again: nothing new to go back to
  EXPECT_EQ(nav.stack().size(), 3u);
}

TEST_F(NavigatorTest, WithinStepsBackInsideTheScreenUntilItSaysNo) {
  int pages = 2;
  nav.on(Screen::kCatalog, {[&] { return pages-- > 0; }, {}, {}});
  nav.open(Screen::kCatalog);
  EXPECT_EQ(nav.back(), Navigator::BackResult::kWithin);
  EXPECT_EQ(nav.back(), Navigator::BackResult::kWithin);
  EXPECT_EQ(screen, Screen::kCatalog);
  EXPECT_EQ(nav.back(), Navigator::BackResult::kHome);
}

TEST_F(NavigatorTest, LeftRunsForThePoppedScreenThenReturnedForTheOneShown) {
  nav.on(Screen::kStaffQueue, {{}, [&] { log += "left-queue "; }, [&] { log += "returned-queue "; }});
  nav.on(Screen::kStaffRequest, {{}, [&] { log += "left-request "; }, {}});
  nav.open(Screen::kAdminHome);
  nav.open(Screen::kStaffQueue);
  nav.open(Screen::kStaffRequest);
  nav.open(Screen::kStaffQueue);  // opened by a flow: no hooks
  EXPECT_EQ(log, "");
  nav.open(Screen::kStaffRequest);
  nav.back();
  EXPECT_EQ(log, "left-request returned-queue ");
  EXPECT_EQ(screen, Screen::kStaffQueue);
  nav.back();
  EXPECT_EQ(log, "left-request returned-queue left-queue ");
  EXPECT_EQ(screen, Screen::kAdminHome);
}

TEST_F(NavigatorTest, AReturnedHookMayOpenItsOwnScreenAgain) {
  nav.on(Screen::kPointsHome, {{}, {}, [&] { nav.open_path({Screen::kPointsHome}); }});
  nav.open_path({Screen::kPointsHome});
  nav.open(Screen::kPointsHistory);
  EXPECT_EQ(nav.back(), Navigator::BackResult::kPopped);
  EXPECT_EQ(nav.stack(), (std::vector<Screen>{Screen::kHome, Screen::kPointsHome}));
}

TEST_F(NavigatorTest, ReplaceIsSkippedByBack) {
  nav.open(Screen::kPointsHome);
  nav.open(Screen::kPointsShop);
  nav.replace(Screen::kPointsRedeemed);
  EXPECT_EQ(screen, Screen::kPointsRedeemed);
  nav.back();
  EXPECT_EQ(screen, Screen::kPointsHome);
}

TEST_F(NavigatorTest, OpenPathKeepsWhatIsOnTheStackAndCutsTheRest) {
  nav.open(Screen::kAdminHome);
  nav.open(Screen::kStaffQueue);
  nav.open(Screen::kStaffRequest);
  nav.open_path({Screen::kAdminHome, Screen::kStaffNotices});
  EXPECT_EQ(nav.stack(), (std::vector<Screen>{Screen::kHome, Screen::kAdminHome, Screen::kStaffNotices}));
  nav.open_path({Screen::kTrack});
  EXPECT_EQ(nav.stack(), (std::vector<Screen>{Screen::kHome, Screen::kTrack}));
  EXPECT_EQ(screen, Screen::kTrack);
}

TEST_F(NavigatorTest, DropLeavesAnOverlayWithoutHooks) {
  nav.on(Screen::kServiceDetail, {{}, {}, [&] { log += "returned "; }});
  nav.on(Screen::kIdentify, {{}, [&] { log += "left "; }, {}});
  nav.open(Screen::kServiceDetail);
  nav.open(Screen::kIdentify);
  nav.drop();
  EXPECT_EQ(screen, Screen::kServiceDetail);
  EXPECT_EQ(log, "");
}

TEST_F(NavigatorTest, InsertAboveHomePutsASessionUnderTheScreens) {
  nav.open(Screen::kCatalog);
  nav.insert_above_home(Screen::kAdminHome);
  nav.insert_above_home(Screen::kAdminHome);  // once
  EXPECT_EQ(nav.stack(), (std::vector<Screen>{Screen::kHome, Screen::kAdminHome, Screen::kCatalog}));
  EXPECT_EQ(screen, Screen::kCatalog);
  nav.back();
  EXPECT_EQ(screen, Screen::kAdminHome);
}

}  // namespace
