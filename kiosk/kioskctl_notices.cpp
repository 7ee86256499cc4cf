#include "kioskctl_notices.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/bootstrap.h"
#include "core/notice.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"

namespace vsk::ctl {
namespace {

std::string state_of(const store::NoticeRecord& n, std::int64_t now) {
  if (!n.times.published_at) return "draft";
  if (core::notice_expired(n.times, now)) return "expired";
  if (!core::notice_visible(n.times, now)) return "unpublished";
  return "published";
}

}  // namespace

// Notices are public by nature; comments are listed as counts only (they name residents).
int cmd_notices_list(const std::string& data_dir, bool json) {
  platform::SodiumPinHasher hasher;
  auto village = app::open_village(data_dir, hasher, false);
  const std::int64_t now = platform::SystemClock().unix_seconds();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : village.store->notices().list()) {
    const std::string state = state_of(n, now);
    const std::string category(core::notice_category_name(n.category));
    if (!json) {
      std::printf("%-18s %-10s %-9s %-11s v%-2d %s%s\n", n.global_id.c_str(), category.c_str(), n.source.c_str(),
                  state.c_str(), n.version, n.pinned ? "[pinned] " : "", n.content.title.c_str());
      continue;
    }
    nlohmann::json j = {{"id", n.id},
                        {"global_id", n.global_id},
                        {"category", category},
                        {"source", n.source},
                        {"state", state},
                        {"pinned", n.pinned},
                        {"version", n.version},
                        {"title", n.content.title},
                        {"body", n.content.body},
                        {"published_at", n.times.published_at ? nlohmann::json(*n.times.published_at) : nlohmann::json()},
                        {"end_date", n.content.end_date},
                        {"comments", n.comments},
                        {"open_comments", n.open_comments}};
    if (!n.content.period_start.empty()) {
      j["period_start"] = n.content.period_start;
      j["period_end"] = n.content.period_end;
    }
    if (!n.content.finance_rows.empty()) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& r : n.content.finance_rows)
        rows.push_back({{"item", r.item}, {"amount_fen", r.amount_fen}, {"income", r.income}, {"date", r.date}});
      const auto t = core::finance_totals(n.content.finance_rows);
      j["finance_rows"] = rows;
      j["income_fen"] = t.income_fen;
      j["expense_fen"] = t.expense_fen;
    }
    out.push_back(j);
  }
  if (json) std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace vsk::ctl
