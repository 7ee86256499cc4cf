// 好差评 (issue 12): the level counts per village and service with the share of good ratings,
// and the 差评 list with the village's call-back status, from a real kiosk's ratings and its
// completed call-back (request.followup_done) after a sync, on both backends; the overview's
// 差评 column counts only those still waiting for a call-back.
#include <gtest/gtest.h>

#include "sync/township/web/rating_stats.h"
#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

using township::web::RatingRow;

township::TownshipRequest rated(const std::string& village, const std::string& service, std::int64_t level,
                                std::int64_t filed = kSyncTestNow) {
  township::TownshipRequest r;
  r.village = village;
  r.service_id = service;
  r.number = village + service + std::to_string(level);
  r.submitted_at = filed;
  r.rating = level;
  return r;
}

TEST(RatingStats, CountsLevelsGoodShareAndBadOnesPerGroupWithATotal) {
  const core::Date day = core::date_of(kSyncTestNow);
  std::vector<township::TownshipRequest> rs = {rated("青山村", "a", 5), rated("青山村", "a", 4), rated("青山村", "a", 1),
                                               rated("青山村", "b", 2), rated("绿水村", "a", 3)};
  rs.push_back(rated("绿水村", "a", 5, kSyncTestNow - 40 * 86400));  // filed before the range
  township::TownshipRequest unrated = rated("绿水村", "a", 0);
  unrated.rating.reset();
  rs.push_back(unrated);
  const auto rows = township::web::rating_stats(rs, day, day, true, true);
  ASSERT_EQ(rows.size(), 4u);  // 青山村 a, 青山村 b, 绿水村 a, total
  auto group = [&](const std::vector<RatingRow>& in, const std::string& village, const std::string& service) {
    for (const auto& r : in)
      if (r.village == village && r.service_id == service) return r;
    ADD_FAILURE() << "no row " << village << " " << service;
    return RatingRow{};
  };
  const RatingRow qa = group(rows, "青山村", "a");
  EXPECT_EQ(qa.levels, (std::array<std::int64_t, 5>{1, 0, 0, 1, 1}));
  EXPECT_EQ(qa.rated(), 3);
  EXPECT_EQ(qa.bad(), 1);
  EXPECT_EQ(qa.good_percent(), 67);
  EXPECT_EQ(group(rows, "青山村", "b").good_percent(), 0);
  EXPECT_EQ(group(rows, "绿水村", "a").rated(), 1);  // the one filed before the range is left out
  EXPECT_EQ(rows.back().rated(), 5);
  EXPECT_EQ(rows.back().bad(), 2);
  EXPECT_EQ(rows.back().good_percent(), 40);
  const auto by_village = township::web::rating_stats(rs, day, day, true, false);
  ASSERT_EQ(by_village.size(), 3u);
  EXPECT_EQ(group(by_village, "青山村", "").rated(), 4);
  EXPECT_FALSE(township::web::rating_stats({}, day, day, true, true).back().good_percent());
  const auto bad = township::web::bad_ratings(rs, day, day);
  ASSERT_EQ(bad.size(), 2u);
}

class RatingsPage : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  WebServer web{town.service, town.store, town.clock};
  TestKiosk kiosk;
  std::string session;

  void SetUp() override {
    town.enroll(kiosk, "青山村");
    session = staff_session(web, town.scope, "lixm", "李晓明", "inspector");
  }
  // Filed, accepted, completed and rated `level` by the resident who filed it.
  std::int64_t done_and_rated(int level) {
    const auto number = kiosk.file_request();
    const auto id = kiosk.store.requests().find_by_number(number)->id;
    const std::int64_t clerk = kiosk.staff("0002");
    for (const auto kind : {core::RequestEventKind::kAccept, core::RequestEventKind::kComplete}) {
      const auto st = kiosk.requests.transition(id, {kind, clerk, "", std::nullopt, "", false});
      EXPECT_TRUE(st) << (st ? "" : st.error().key);
    }
    const auto rated = kiosk.requests.rate(id, {level, "", app::RatingSource::kKiosk, std::nullopt, 1});
    EXPECT_TRUE(rated) << (rated ? "" : rated.error().key);
    return id;
  }
  void sync() { ASSERT_TRUE(kiosk.client->run_once(town.loopback).ok); }
  // The overview's 差评 column for 青山村: bad ratings still waiting for a call-back.
  std::int64_t waiting_on_overview() {
    auto tx = town.store.read(town.scope);
    for (const auto& v : town.store.dashboard().villages(tx, "2026-11-23"))
      if (v.name == "青山村") return v.bad_ratings;
    return -1;
  }
  static std::string row(const std::string& page, const std::string& id_attr) {
    const auto at = page.find("id=\"" + id_attr + "\"");
    return at == std::string::npos ? "" : page.substr(at, page.find("</tr>", at) - at);
  }
};

TEST_P(RatingsPage, ShowsLevelsAndTheBadOnesUntilTheVillageCallsBack) {
  const auto bad = done_and_rated(1);
  done_and_rated(5);
  done_and_rated(4);
  sync();
  const std::string number = kiosk.store.requests().find(bad)->number;
  std::string page = web.get(session, "/ratings")->body;
  // 居住证明: one 非常满意, one 满意, one 非常不满意; good share 67%.
  EXPECT_NE(page.find("<td>居住证明</td>\n  <td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                      "<td class=\"num\">0</td><td class=\"num\">1</td>\n  <td class=\"num\">3</td><td class=\"num\">67%"),
            std::string::npos)
      << page;
  std::string b = row(page, "bad-" + number);
  EXPECT_NE(b.find("1 非常不满意"), std::string::npos) << b;
  EXPECT_NE(b.find("待回访"), std::string::npos) << b;
  EXPECT_NE(page.find("1 条差评待村里回访"), std::string::npos);
  EXPECT_EQ(waiting_on_overview(), 1);

  ASSERT_TRUE(kiosk.requests.complete_followup(bad, kiosk.staff("0002"), "电话回访，已解释"));
  sync();
  page = web.get(session, "/ratings")->body;
  b = row(page, "bad-" + number);
  EXPECT_NE(b.find("已回访"), std::string::npos) << b;
  EXPECT_EQ(b.find("电话回访"), std::string::npos);  // the note stays in the village
  EXPECT_NE(page.find("0 条差评待村里回访"), std::string::npos);
  EXPECT_EQ(waiting_on_overview(), 0);
  EXPECT_NE(web.get(session, "/ratings?lang=en")->body.find("called back"), std::string::npos);
}

TEST_P(RatingsPage, ADateWithoutDigitsIsRefused) {
  EXPECT_EQ(web.get(session, "/ratings?from=yesterday")->status, 400);
  EXPECT_NE(web.get(session, "/ratings?from=2026-01-01&to=2026-01-31")->body.find("所选期间没有差评"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, RatingsPage, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
