// Village notices (村务公开): categories, finance tables, 公示 periods, visibility and the
// legal publication cadence. Pure rules: time is passed in as values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace vsk::core {

enum class NoticeCategory {
  kParty,      // 党务公开
  kVillage,    // 村务公开
  kFinance,    // 财务公开: income/expense tables
  kPolicy,     // 政策宣传
  kPublicity,  // 公示: a decision published for a period (5–7 days) before it stands
};

inline constexpr NoticeCategory kNoticeCategories[] = {NoticeCategory::kParty, NoticeCategory::kVillage,
                                                       NoticeCategory::kFinance, NoticeCategory::kPolicy,
                                                       NoticeCategory::kPublicity};

std::string_view notice_category_name(NoticeCategory c);  // "party", "village", "finance", "policy", "publicity"
std::optional<NoticeCategory> notice_category_from_name(std::string_view name);

// Where a notice comes from: written at this kiosk, or sent down by the township (by sync).
inline constexpr const char* kNoticeSourceVillage = "village";
inline constexpr const char* kNoticeSourceTownship = "township";

// One line of a finance notice. Amounts are whole fen so sums are exact.
struct FinanceRow {
  std::string item;
  std::int64_t amount_fen = 0;  // > 0
  bool income = false;          // else expense
  std::string date;             // YYYY-MM-DD
  bool operator==(const FinanceRow&) const = default;
};

struct FinanceTotals {
  std::int64_t income_fen = 0;
  std::int64_t expense_fen = 0;
  std::int64_t balance_fen() const { return income_fen - expense_fen; }
};

FinanceTotals finance_totals(const std::vector<FinanceRow>& rows);

// "1234.05", "-12.30": yuan with two decimals, no thousands separator.
std::string format_fen(std::int64_t fen);

// What a notice says, in one version. Versions are never changed once written.
struct NoticeContent {
  std::string title;
  std::string body;
  std::string period_start;  // 公示: first day of the notice period (YYYY-MM-DD), else empty
  std::string period_end;    // 公示: last day of the period, inclusive
  std::string end_date;      // optional: last day the notice is shown at all (expiry), inclusive
  std::string image_path;    // optional: a PNG under DATA_DIR/notice-images
  std::vector<FinanceRow> finance_rows;
  bool operator==(const NoticeContent&) const = default;
};

// Why a notice's content cannot be saved; nullopt when it can. The key is a translation key.
std::optional<std::string> notice_content_error(NoticeCategory c, const NoticeContent& content);

// Publication state: a notice is shown from publish until unpublish or past its end date.
struct NoticeTimes {
  std::optional<std::int64_t> published_at;    // unix seconds
  std::optional<std::int64_t> unpublished_at;  // set when staff took it down
  std::string end_date;                        // YYYY-MM-DD or empty
};

bool notice_visible(const NoticeTimes& t, std::int64_t now_unix);
// Published once and past its end date (kept for the record, no longer shown to residents).
bool notice_expired(const NoticeTimes& t, std::int64_t now_unix);

// A 公示 period as residents see it on `today`.
struct PublicityStatus {
  enum class Phase { kNotStarted, kRunning, kEnded } phase = Phase::kRunning;
  int days_left = 0;  // while running: days including today and the end day (1 on the end day)
};
std::optional<PublicityStatus> publicity_status(const std::string& period_start, const std::string& period_end,
                                                const Date& today);

// The legal publication cadence (《村务公开》: finance monthly, village and party affairs at
// least quarterly), as the most days allowed between two publications in a category.
struct CadenceRule {
  NoticeCategory category;
  int max_days;
};
inline constexpr CadenceRule kNoticeCadence[] = {
    {NoticeCategory::kFinance, 31},
    {NoticeCategory::kVillage, 92},
    {NoticeCategory::kParty, 92},
};

// The categories whose newest publication (nullopt: never) is older than the cadence allows.
std::vector<NoticeCategory> overdue_categories(
    const std::vector<std::pair<NoticeCategory, std::optional<std::int64_t>>>& last_published, std::int64_t now_unix);

}  // namespace vsk::core
