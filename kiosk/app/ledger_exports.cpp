#include "app/ledger_exports.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/date.h"
#include "residents/roll_columns.h"
#include "store/household_store.h"
#include "store/ledger_queries.h"

namespace vsk::app {
namespace {

std::string village_name(store::KioskStore& store) {
  return store.settings().get_or(store::setting::kVillageName, "");
}

std::string china_time(std::int64_t t) { return core::format_china_time(t, "%Y-%m-%d %H:%M"); }

std::string service_name(const core::Catalog& catalog, const std::string& id) {
  const core::Service* s = catalog.find(id);
  return s ? s->name.zh : id;
}

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string average(std::int64_t sum, std::int64_t n) {
  if (n == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(sum) / static_cast<double>(n));
  return buf;
}

std::string roll_value(residents::Column c, const store::ResidentRecord& r) {
  using residents::Column;
  switch (c) {
    case Column::kHouseholdNo: return r.household_no.value_or("");
    case Column::kName: return r.name;
    case Column::kIdNumber: return r.id_number;
    case Column::kGender: return r.gender == "M" ? "男" : "女";
    case Column::kEthnicity: return r.ethnicity;
    case Column::kBirthDate: return r.birth_date;
    case Column::kRelation: return r.relation;
    case Column::kPhone: return r.phone.value_or("");
    case Column::kAddress: return r.address;
    case Column::kGrid: return r.grid_name;
    case Column::kVillageGroup: return r.village_group;
  }
  return "";
}

TableCell count_cell(std::int64_t n) { return TableCell::num(static_cast<double>(n)); }

}  // namespace

std::optional<Month> parse_month(const std::string& yyyy_mm) {
  const auto first = core::parse_date(yyyy_mm + "-01");
  if (yyyy_mm.size() != 7 || !first) return std::nullopt;
  const core::Date next = first->month == 12 ? core::Date{first->year + 1, 1, 1} : core::Date{first->year, first->month + 1, 1};
  Month m;
  m.label = yyyy_mm;
  m.last_date = core::format_date(core::add_days(next, -1));
  m.from = core::china_unix(*first);
  m.to = core::china_unix(next);
  return m;
}

Month month_of(std::int64_t unix_seconds) {
  const core::Date d = core::date_of(unix_seconds);
  char label[8];
  std::snprintf(label, sizeof label, "%04d-%02d", d.year, d.month);
  return *parse_month(label);
}

Table roll_table(store::KioskStore& store) {
  Table t;
  t.sheet_name = "花名册";
  t.title = village_name(store) + "村民花名册";
  for (const auto c : residents::kRollColumns) t.header.emplace_back(residents::canonical_header(c));
  t.widths = {8, 10, 22, 6, 8, 12, 12, 14, 24, 12, 10};
  std::vector<store::ResidentRecord> all;
  constexpr int kPage = 500;
  for (int offset = 0;; offset += kPage) {
    auto page = store.residents().list(kPage, offset);
    for (auto& r : page)
      if (r.status == "active") all.push_back(std::move(r));
    if (static_cast<int>(page.size()) < kPage) break;
  }
  std::stable_sort(all.begin(), all.end(), [](const store::ResidentRecord& a, const store::ResidentRecord& b) {
    if (a.household_no != b.household_no) return a.household_no.value_or("") < b.household_no.value_or("");
    return a.is_head > b.is_head;
  });
  std::int64_t households = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (i == 0 || all[i].household_id != all[i - 1].household_id) ++households;
    std::vector<TableCell> row;
    for (const auto c : residents::kRollColumns) row.emplace_back(roll_value(c, all[i]));
    t.rows.push_back(std::move(row));
  }
  t.totals = std::vector<TableCell>{"合计", std::to_string(households) + "户" + std::to_string(all.size()) + "人"};
  return t;
}

Table daiban_table(store::KioskStore& store, const core::Catalog& catalog, const Translations& tr, const Month& m) {
  Table t;
  t.sheet_name = "代办台账";
  t.title = village_name(store) + "代办台账（" + m.label + "）";
  t.header = {"序号", "办件编号", "事项", "申请人", "代办人", "受理时间", "状态", "办结时间", "满意度"};
  t.widths = {6, 16, 24, 10, 10, 18, 10, 18, 8};
  int n = 0, completed = 0;
  for (const auto& r : store.ledgers().daiban(m.from, m.to)) {
    completed += r.completed_at.has_value();
    t.rows.push_back({TableCell::num(++n), r.number, service_name(catalog, r.service_id), r.resident_name,
                      r.staff_name, china_time(r.submitted_at),
                      tr.format("zh-CN", core::Message("status." + r.status)),
                      r.completed_at ? china_time(*r.completed_at) : "",
                      r.rating ? TableCell::num(*r.rating) : TableCell("")});
  }
  t.totals = std::vector<TableCell>{"合计", "共" + std::to_string(n) + "件", "", "", "", "", "办结" + std::to_string(completed) + "件"};
  return t;
}

Table requests_table(store::KioskStore& store, const core::Catalog& catalog, const Month& m, const std::string& today) {
  Table t;
  t.sheet_name = "月度办件统计";
  t.title = village_name(store) + "月度办件统计（" + m.label + "）";
  t.header = {"事项", "受理", "办结", "按时办结", "超期", "按时办结率", "评价数", "平均满意度"};
  t.widths = {26, 8, 8, 10, 8, 12, 8, 12};
  store::ServiceMonthRow total;
  for (const auto& r : store.ledgers().service_month(m.from, m.to, std::min(m.last_date, today))) {
    t.rows.push_back({service_name(catalog, r.service_id), count_cell(r.received), count_cell(r.completed),
                      count_cell(r.on_time), count_cell(r.overdue), percent(r.on_time, r.completed),
                      count_cell(r.ratings), average(r.rating_sum, r.ratings)});
    total.received += r.received;
    total.completed += r.completed;
    total.on_time += r.on_time;
    total.overdue += r.overdue;
    total.ratings += r.ratings;
    total.rating_sum += r.rating_sum;
  }
  t.totals = std::vector<TableCell>{"合计", count_cell(total.received), count_cell(total.completed),
                                    count_cell(total.on_time), count_cell(total.overdue),
                                    percent(total.on_time, total.completed), count_cell(total.ratings),
                                    average(total.rating_sum, total.ratings)};
  return t;
}

Table points_table(store::KioskStore& store, const core::PointsRules& rules, const Month& m) {
  Table t;
  t.sheet_name = "积分月报";
  t.title = village_name(store) + "积分月报（" + m.label + "）";
  t.header = {"类别", "名称", "条数", "加分", "扣分", "净分"};
  t.widths = {8, 30, 8, 8, 8, 8};
  std::int64_t entries = 0, awarded = 0, deducted = 0;
  for (const auto& r : store.points().summary_by_grid(m.from, m.to)) {
    t.rows.push_back({"网格", r.key, count_cell(r.entries), count_cell(r.awarded), count_cell(r.deducted),
                      count_cell(r.awarded + r.deducted)});
    entries += r.entries;
    awarded += r.awarded;
    deducted += r.deducted;
  }
  for (const auto& r : store.points().summary_by_rule(m.from, m.to)) {
    const core::PointsRule* rule = rules.find(r.key);
    t.rows.push_back({"细则", rule ? rule->name_zh : r.key, count_cell(r.entries), count_cell(r.awarded),
                      count_cell(r.deducted), count_cell(r.awarded + r.deducted)});
  }
  // Every entry is in one grid and under one rule: the grid rows alone add up to the month.
  t.totals = std::vector<TableCell>{"合计", "", count_cell(entries), count_cell(awarded), count_cell(deducted),
                                    count_cell(awarded + deducted)};
  return t;
}

}  // namespace vsk::app
