#include "core/notice.h"

#include <gtest/gtest.h>

using namespace vsk::core;

namespace {

// 2026-11-23 10:00 China time.
constexpr std::int64_t kNow = 1795399200;
constexpr std::int64_t kDay = 86400;

}  // namespace

TEST(Notice, CategoryNamesRoundTrip) {
  for (NoticeCategory c : kNoticeCategories) EXPECT_EQ(notice_category_from_name(notice_category_name(c)), c);
  EXPECT_FALSE(notice_category_from_name("township"));  // a source, not a category
}

TEST(Notice, FinanceTotalsAreExactInFen) {
  const std::vector<FinanceRow> rows = {{"上级转移支付", 1'850'000, true, "2026-10-03"},
                                        {"办公用品", 44'790, false, "2026-10-12"},
                                        {"路灯电费", 74'571, false, "2026-10-15"}};
  const FinanceTotals t = finance_totals(rows);
  EXPECT_EQ(t.income_fen, 1'850'000);
  EXPECT_EQ(t.expense_fen, 119'361);
  EXPECT_EQ(t.balance_fen(), 1'730'639);
  EXPECT_EQ(format_fen(t.balance_fen()), "17306.39");
  EXPECT_EQ(format_fen(5), "0.05");
  EXPECT_EQ(format_fen(-1230), "-12.30");
  EXPECT_EQ(format_fen(0), "0.00");
}

TEST(Notice, PublicityDaysLeftCountsTodayAndTheEndDay) {
  const std::string start = "2026-11-21", end = "2026-11-27";
  auto on = [&](const char* day) { return *publicity_status(start, end, *parse_date(day)); };
  using Phase = PublicityStatus::Phase;
  EXPECT_EQ(on("2026-11-20").phase, Phase::kNotStarted);
  EXPECT_EQ(on("2026-11-21").phase, Phase::kRunning);
  EXPECT_EQ(on("2026-11-21").days_left, 7);  // a 7-day 公示 on its first day
  EXPECT_EQ(on("2026-11-23").days_left, 5);
  EXPECT_EQ(on("2026-11-27").phase, Phase::kRunning);  // the end day still counts
  EXPECT_EQ(on("2026-11-27").days_left, 1);
  EXPECT_EQ(on("2026-11-28").phase, Phase::kEnded);
  EXPECT_EQ(on("2026-12-01").days_left, 0);
  EXPECT_FALSE(publicity_status("", end, *parse_date("2026-11-23")));
}

TEST(Notice, VisibleFromPublishUntilUnpublishOrEndDate) {
  NoticeTimes t;
  EXPECT_FALSE(notice_visible(t, kNow));  // a draft
  t.published_at = kNow;
  EXPECT_FALSE(notice_visible(t, kNow - 1));
  EXPECT_TRUE(notice_visible(t, kNow));
  t.end_date = "2026-11-25";
  // Shown through the whole end day in China time (until 2026-11-25 24:00 = 16:00 UTC).
  const std::int64_t end_of_25th = kNow + 2 * kDay + 14 * 3600 - 1;
  EXPECT_TRUE(notice_visible(t, end_of_25th));
  EXPECT_FALSE(notice_expired(t, end_of_25th));
  EXPECT_FALSE(notice_visible(t, end_of_25th + 1));
  EXPECT_TRUE(notice_expired(t, end_of_25th + 1));
  t.end_date.clear();
  t.unpublished_at = kNow + kDay;
  EXPECT_TRUE(notice_visible(t, kNow + kDay - 1));
  EXPECT_FALSE(notice_visible(t, kNow + kDay));
  EXPECT_FALSE(notice_expired(t, kNow + kDay));  // taken down, not expired
}

TEST(Notice, CadenceFlagsCategoriesPublishedTooLongAgo) {
  using C = NoticeCategory;
  // Finance monthly (31 days), village and party affairs quarterly (92 days); policy has no rule.
  std::vector<std::pair<C, std::optional<std::int64_t>>> last = {
      {C::kFinance, kNow - 31 * kDay}, {C::kVillage, kNow - 92 * kDay}, {C::kParty, kNow - 10 * kDay}};
  EXPECT_TRUE(overdue_categories(last, kNow).empty());
  last[0].second = kNow - 32 * kDay;
  EXPECT_EQ(overdue_categories(last, kNow), std::vector<C>{C::kFinance});
  last[1].second = kNow - 93 * kDay;
  EXPECT_EQ(overdue_categories(last, kNow), (std::vector<C>{C::kFinance, C::kVillage}));
  // Never published at all is overdue too.
  EXPECT_EQ(overdue_categories({}, kNow), (std::vector<C>{C::kFinance, C::kVillage, C::kParty}));
  EXPECT_EQ(overdue_categories({{C::kPolicy, std::nullopt}}, kNow).size(), 3u);
}

TEST(Notice, ContentIsCheckedPerCategory) {
  NoticeContent c;
  EXPECT_EQ(notice_content_error(NoticeCategory::kVillage, c), "notice.err.no_title");
  c.title = "村民代表会议通知";
  EXPECT_EQ(notice_content_error(NoticeCategory::kVillage, c), "notice.err.no_body");
  c.body = "特此通知。";
  EXPECT_EQ(notice_content_error(NoticeCategory::kVillage, c), std::nullopt);
  EXPECT_EQ(notice_content_error(NoticeCategory::kPublicity, c), "notice.err.no_period");
  c.period_start = "2026-11-23";
  c.period_end = "2026-11-22";
  EXPECT_EQ(notice_content_error(NoticeCategory::kPublicity, c), "notice.err.period_order");
  c.period_end = "2026-11-29";
  EXPECT_EQ(notice_content_error(NoticeCategory::kPublicity, c), std::nullopt);
  EXPECT_EQ(notice_content_error(NoticeCategory::kFinance, c), "notice.err.no_rows");
  c.finance_rows = {{"办公用品", 0, false, "2026-11-23"}};
  EXPECT_EQ(notice_content_error(NoticeCategory::kFinance, c), "notice.err.row_amount");
  c.finance_rows[0].amount_fen = 100;
  EXPECT_EQ(notice_content_error(NoticeCategory::kFinance, c), std::nullopt);
  c.title = "\x01" "bad";
  EXPECT_EQ(notice_content_error(NoticeCategory::kVillage, c), "notice.err.bad_text");
}
