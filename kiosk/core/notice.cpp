#include "core/notice.h"

#include <array>
#include <cstdio>
#include <utility>

#include "core/text.h"

namespace vsk::core {
namespace {

constexpr std::array<std::pair<NoticeCategory, std::string_view>, 5> kNames = {{
    {NoticeCategory::kParty, "party"},
    {NoticeCategory::kVillage, "village"},
    {NoticeCategory::kFinance, "finance"},
    {NoticeCategory::kPolicy, "policy"},
    {NoticeCategory::kPublicity, "publicity"},
}};

constexpr std::size_t kMaxTitleBytes = 200;
constexpr std::size_t kMaxBodyBytes = 20000;

}  // namespace

std::string_view notice_category_name(NoticeCategory c) {
  for (const auto& [cat, name] : kNames)
    if (cat == c) return name;
  return "village";
}

std::optional<NoticeCategory> notice_category_from_name(std::string_view name) {
  for (const auto& [cat, n] : kNames)
    if (n == name) return cat;
  return std::nullopt;
}

FinanceTotals finance_totals(const std::vector<FinanceRow>& rows) {
  FinanceTotals t;
  for (const FinanceRow& r : rows) (r.income ? t.income_fen : t.expense_fen) += r.amount_fen;
  return t;
}

std::string format_fen(std::int64_t fen) {
  const bool negative = fen < 0;
  const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : static_cast<std::uint64_t>(fen);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "", static_cast<unsigned long long>(abs / 100),
                static_cast<unsigned long long>(abs % 100));
  return buf;
}

std::optional<std::string> notice_content_error(NoticeCategory c, const NoticeContent& n) {
  if (n.title.empty()) return "notice.err.no_title";
  if (n.title.size() > kMaxTitleBytes || n.body.size() > kMaxBodyBytes) return "notice.err.too_long";
  if (!displayable_text(n.title) || !displayable_text(n.body)) return "notice.err.bad_text";
  if (!n.end_date.empty() && !parse_date(n.end_date)) return "notice.err.bad_date";
  if (c == NoticeCategory::kPublicity) {
    const auto start = parse_date(n.period_start);
    const auto end = parse_date(n.period_end);
    if (!start || !end) return "notice.err.no_period";
    if (*end < *start) return "notice.err.period_order";
  }
  if (c == NoticeCategory::kFinance) {
    if (n.finance_rows.empty()) return "notice.err.no_rows";
    for (const FinanceRow& r : n.finance_rows) {
      if (r.item.empty() || !displayable_text(r.item)) return "notice.err.row_item";
      if (r.amount_fen <= 0) return "notice.err.row_amount";
      if (!parse_date(r.date)) return "notice.err.bad_date";
    }
  }
  if (c != NoticeCategory::kFinance && n.body.empty()) return "notice.err.no_body";
  return std::nullopt;
}

bool notice_expired(const NoticeTimes& t, std::int64_t now_unix) {
  if (!t.published_at || t.end_date.empty()) return false;
  const auto end = parse_date(t.end_date);
  return end && date_of(now_unix) > *end;
}

bool notice_visible(const NoticeTimes& t, std::int64_t now_unix) {
  if (!t.published_at || *t.published_at > now_unix) return false;
  if (t.unpublished_at && *t.unpublished_at >= *t.published_at && *t.unpublished_at <= now_unix) return false;
  return !notice_expired(t, now_unix);
}

std::optional<PublicityStatus> publicity_status(const std::string& period_start, const std::string& period_end,
                                                const Date& today) {
  const auto start = parse_date(period_start);
  const auto end = parse_date(period_end);
  if (!start || !end) return std::nullopt;
  PublicityStatus s;
  if (today < *start) {
    s.phase = PublicityStatus::Phase::kNotStarted;
    s.days_left = static_cast<int>(to_days(*end) - to_days(*start) + 1);
  } else if (today > *end) {
    s.phase = PublicityStatus::Phase::kEnded;
  } else {
    s.phase = PublicityStatus::Phase::kRunning;
    s.days_left = static_cast<int>(to_days(*end) - to_days(today) + 1);  // the end day counts
  }
  return s;
}

std::vector<NoticeCategory> overdue_categories(
    const std::vector<std::pair<NoticeCategory, std::optional<std::int64_t>>>& last_published, std::int64_t now_unix) {
  std::vector<NoticeCategory> out;
  const std::int64_t today = to_days(date_of(now_unix));
  for (const CadenceRule& rule : kNoticeCadence) {
    std::optional<std::int64_t> last;
    for (const auto& [c, at] : last_published)
      if (c == rule.category && at && (!last || *at > *last)) last = at;
    // Counted in China calendar days, as people read the dates on the notices.
    if (!last || today - to_days(date_of(*last)) > rule.max_days) out.push_back(rule.category);
  }
  return out;
}

}  // namespace vsk::core
