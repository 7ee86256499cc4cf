// Pieces shared by the resident, staff and attract views of notices.
#pragma once

#include <imgui.h>

#include <string>

#include "ui/ui_context.h"

namespace vsk::ui::screens {

// "党务公开", "乡镇通知" ...: a category name or "township".
std::string notice_category_label(UiContext& ui, const std::string& category);
// Category, publication date, 公示 period with days left / ended, end date: one line of words.
std::string notice_meta(UiContext& ui, const app::NoticeSummary& s);
// The 公示 status alone ("还剩5天" / "已结束" / "未开始"), empty for other notices.
std::string publicity_words(UiContext& ui, const app::NoticeSummary& s);
// Category chips (all, the five categories, township); `selected` as in NoticesView::filter.
void notice_chips(UiContext& ui, const std::string& selected);
// `text` wrapped to `width`, the lines of page `page` that fit `height`; returns the page count.
int paged_text(UiContext& ui, const std::string& text, ImFont* font, ImU32 color, float width, float height, int page);
// The finance table (date, item, income, expense) with totals; rows of page `page` that fit
// `height`. Returns the page count.
int finance_table(UiContext& ui, const app::NoticeDetailView& d, float width, float height, int page);
// "12.30" from digits typed on the keypad as fen.
std::string fen_digits_as_yuan(const std::string& digits);

}  // namespace vsk::ui::screens
