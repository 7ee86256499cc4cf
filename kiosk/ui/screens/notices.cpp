// Residents' notices (村务公开): category chips and the list, one notice in big paged text
// (finance notices as a table), and the opinion page.
#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "ui/format.h"
#include "ui/screens/notice_parts.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

using Line = std::pair<const char*, const char*>;

std::vector<Line> wrap_lines(ImFont* font, const std::string& text, float width) {
  std::vector<Line> lines;
  const char* s = text.c_str();
  const char* const end = s + text.size();
  while (s <= end) {
    const char* nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<std::size_t>(end - s)));
    const char* line_end = nl ? nl : end;
    if (s == line_end) {
      if (nl) lines.emplace_back(s, s);
    }
    while (s < line_end) {
      const char* wrap = font->CalcWordWrapPositionA(1.0f, s, line_end, width);
      if (wrap <= s) {  // not even one character fits: take one anyway
        wrap = s + 1;
        while (wrap < line_end && (static_cast<unsigned char>(*wrap) & 0xC0) == 0x80) ++wrap;
      }
      lines.emplace_back(s, wrap);
      s = wrap;
      while (s < line_end && *s == ' ') ++s;
    }
    if (!nl) break;
    s = nl + 1;
  }
  return lines;
}

const char* const kOpinionPhrases[] = {"notice.phrase.more_detail", "notice.phrase.question_numbers",
                                       "notice.phrase.meeting",     "notice.phrase.support",
                                       "notice.phrase.extend",      "notice.phrase.hurry"};

}  // namespace

std::string notice_category_label(UiContext& ui, const std::string& category) {
  return ui.t("notice.cat." + (category.empty() ? std::string("all") : category));
}

std::string publicity_words(UiContext& ui, const app::NoticeSummary& s) {
  if (s.publicity_phase == "running") return ui.msg(core::Message("notice.days_left").arg("n", std::to_string(s.days_left)));
  if (s.publicity_phase == "ended") return ui.t("notice.ended");
  if (s.publicity_phase == "not_started") return ui.t("notice.not_started");
  return "";
}

std::string notice_meta(UiContext& ui, const app::NoticeSummary& s) {
  std::string out = notice_category_label(ui, s.category);
  if (s.township) out += " · " + ui.t("notice.cat.township");
  if (s.published_at != 0)
    out += " · " + ui.msg(core::Message("notice.published_on").arg("date", date_words(ui, china_time(s.published_at, "%Y-%m-%d"))));
  if (!s.period_start.empty())
    out += " · " + ui.msg(core::Message("notice.period")
                              .arg("start", date_words(ui, s.period_start))
                              .arg("end", date_words(ui, s.period_end)));
  if (const std::string p = publicity_words(ui, s); !p.empty()) out += " · " + p;
  if (!s.end_date.empty() && s.publicity_phase.empty())
    out += " · " + ui.msg(core::Message("notice.until").arg("date", date_words(ui, s.end_date)));
  return out;
}

void notice_chips(UiContext& ui, const std::string& selected) {
  const float em = ui.em();
  const char* const ids[] = {"", "party", "village", "finance", "policy", "publicity", "township"};
  const float gap = em * 0.3f;
  const float w = (ImGui::GetWindowWidth() - em * 4 - gap * 6) / 7;
  const ImVec2 start = ImGui::GetCursorPos();
  for (int i = 0; i < 7; ++i) {
    const std::string id = ids[i];
    ImGui::SetCursorPos(ImVec2(em * 2 + i * (w + gap), start.y));
    const bool on = selected == id;
    if (big_button(ui, "chip." + (id.empty() ? std::string("all") : id), notice_category_label(ui, id),
                   ImVec2(w, em * 2.2f),
                   {on ? theme::kTileNotices : theme::kKeyButton, on ? theme::kOnColor : theme::kText, ui.fonts.body(),
                    theme::kKeyBorder}))
      ui.emit(app::NoticeFilter{id});
  }
  ImGui::SetCursorPos(ImVec2(em * 2, start.y + em * 2.6f));
}

int paged_text(UiContext& ui, const std::string& text, ImFont* font, ImU32 color, float width, float height, int page) {
  ui.fonts.require(text);
  const std::vector<Line> lines = wrap_lines(font, text, width);
  const float line_h = font->FontSize * 1.35f;  // extra leading: easier for older eyes
  const int per_page = std::max(1, static_cast<int>(height / line_h));
  const int pages = std::max(1, static_cast<int>((lines.size() + per_page - 1) / per_page));
  page = std::clamp(page, 0, pages - 1);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::string shown;
  float right = origin.x, bottom = origin.y;
  for (int i = 0; i < per_page; ++i) {
    const std::size_t n = static_cast<std::size_t>(page * per_page + i);
    if (n >= lines.size()) break;
    dl->AddText(font, font->FontSize, ImVec2(origin.x, origin.y + i * line_h), color, lines[n].first, lines[n].second);
    shown.append(lines[n].first, lines[n].second);
    right = std::max(right, origin.x + font->CalcTextSizeA(font->FontSize, 1e9f, 0, lines[n].first, lines[n].second).x);
    bottom = origin.y + i * line_h + font->FontSize;
  }
  record_text(ui, shown, origin, ImVec2(right, bottom));
  ImGui::Dummy(ImVec2(width, height));
  return pages;
}

std::string fen_digits_as_yuan(const std::string& digits) {
  std::string d = digits;
  while (d.size() > 1 && d.front() == '0') d.erase(d.begin());
  while (d.size() < 3) d.insert(d.begin(), '0');
  return d.substr(0, d.size() - 2) + "." + d.substr(d.size() - 2);
}

namespace {
// Rows of the finance table on one page of `height`: the header and totals rows take two.
int finance_rows_per_page(const UiContext& ui, float height) {
  return std::max(1, static_cast<int>(height / (ui.em() * 1.7f)) - 2);
}
int finance_pages(const UiContext& ui, const app::NoticeDetailView& d, float height) {
  const int per_page = finance_rows_per_page(ui, height);
  return std::max(1, static_cast<int>((d.rows.size() + per_page - 1) / per_page));
}
}  // namespace

int finance_table(UiContext& ui, const app::NoticeDetailView& d, float width, float height, int page) {
  const float em = ui.em();
  ImFont* font = ui.fonts.body();
  const float row_h = em * 1.7f;
  const int per_page = finance_rows_per_page(ui, height);
  const int pages = finance_pages(ui, d, height);
  page = std::clamp(page, 0, pages - 1);
  const float cols[] = {0, width * 0.2f, width * 0.54f, width * 0.77f};  // date, item, income, expense
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto cell = [&](int row, int col, const std::string& text, ImU32 color, bool right) {
    ui.fonts.require(text);
    const float col_end = col < 3 ? cols[col + 1] : width;
    float x = o.x + cols[col] + em * 0.4f;
    if (right) x = o.x + col_end - em * 0.4f - font->CalcTextSizeA(em, 1e9f, 0, text.c_str()).x;
    dl->PushClipRect(ImVec2(o.x + cols[col], o.y + row * row_h), ImVec2(o.x + col_end, o.y + (row + 1) * row_h), true);
    const ImVec2 at(x, o.y + row * row_h + (row_h - em) * 0.5f);
    dl->AddText(font, em, at, color, text.c_str());
    record_text(ui, text, at, ImVec2(at.x + font->CalcTextSizeA(em, 1e9f, 0, text.c_str()).x, at.y + em));
    dl->PopClipRect();
  };
  auto band = [&](int row, ImU32 fill) {
    dl->AddRectFilled(ImVec2(o.x, o.y + row * row_h), ImVec2(o.x + width, o.y + (row + 1) * row_h), fill);
  };
  band(0, IM_COL32(232, 245, 233, 255));
  cell(0, 0, ui.t("notice.table.date"), theme::kText, false);
  cell(0, 1, ui.t("notice.table.item"), theme::kText, false);
  cell(0, 2, ui.t("notice.table.income"), theme::kText, true);
  cell(0, 3, ui.t("notice.table.expense"), theme::kText, true);
  int row = 1;
  std::int64_t page_income = 0, page_expense = 0;
  for (int i = 0; i < per_page; ++i) {
    const std::size_t n = static_cast<std::size_t>(page * per_page + i);
    if (n >= d.rows.size()) break;
    const core::FinanceRow& r = d.rows[n];
    (r.income ? page_income : page_expense) += r.amount_fen;
    if (row % 2 == 0) band(row, IM_COL32(250, 250, 250, 255));
    // Narrow tables (the editor's preview) show dates as 11-23 so the column stays narrow.
    cell(row, 0, width < em * 30 && r.date.size() == 10 ? r.date.substr(5) : date_words(ui, r.date), theme::kText, false);
    cell(row, 1, r.item, theme::kText, false);
    cell(row, r.income ? 2 : 3, core::format_fen(r.amount_fen), theme::kText, true);
    ++row;
  }
  // A totals row on every page, and it adds up: a page before the last sums only its own
  // rows (本页小计, the rest on the next page); the last page of several says its total is the
  // whole notice's.
  band(row, IM_COL32(255, 243, 224, 255));
  if (page + 1 < pages) {
    cell(row, 0, ui.t("notice.table.subtotal"), theme::kText, false);
    const std::size_t after = d.rows.size() - std::min(d.rows.size(), static_cast<std::size_t>((page + 1) * per_page));
    cell(row, 1, ui.msg(core::Message("notice.table.continued").arg("n", std::to_string(after))), theme::kTextMuted, false);
    cell(row, 2, core::format_fen(page_income), theme::kConfirm, true);
    cell(row, 3, core::format_fen(page_expense), theme::kError, true);
  } else {
    cell(row, 0, ui.t(pages > 1 ? "notice.table.total_all" : "notice.table.total"), theme::kText, false);
    cell(row, 1, ui.msg(core::Message("notice.table.balance").arg("amount", core::format_fen(d.income_fen - d.expense_fen))),
         theme::kText, false);
    cell(row, 2, core::format_fen(d.income_fen), theme::kConfirm, true);
    cell(row, 3, core::format_fen(d.expense_fen), theme::kError, true);
  }
  ++row;
  for (int c = 1; c < 4; ++c)
    dl->AddLine(ImVec2(o.x + cols[c], o.y), ImVec2(o.x + cols[c], o.y + row * row_h), theme::kKeyBorder);
  dl->AddRect(o, ImVec2(o.x + width, o.y + row * row_h), theme::kKeyBorder);
  ImGui::Dummy(ImVec2(width, row * row_h + em * 0.3f));
  return pages;
}

void notices(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::NoticesView& v = ui.state.notices;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("tile.notices"), ui.fonts.title(), theme::kText);
  notice_chips(ui, v.filter);
  const float width = ImGui::GetWindowWidth() - em * 4;
  const float row_h = em * 3.0f;
  const float avail = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - em * 4.2f;
  const float gap = em * 0.3f;
  const float list_top = ImGui::GetCursorPosY();
  // Rows are placed at fixed steps, so the count per page is exact and never reaches the footer.
  const int per_page = std::max(1, static_cast<int>((avail + gap) / (row_h + gap)));
  const int pages = std::max(1, static_cast<int>((v.rows.size() + per_page - 1) / per_page));
  const int page = std::clamp(v.page, 0, pages - 1);
  if (v.rows.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("notice.none"), ui.fonts.title(), theme::kTextMuted);
  }
  for (int i = 0; i < per_page; ++i) {
    const std::size_t n = static_cast<std::size_t>(page * per_page + i);
    if (n >= v.rows.size()) break;
    const app::NoticeSummary& s = v.rows[n];
    ImGui::SetCursorPos(ImVec2(em * 2, list_top + i * (row_h + gap)));
    const std::string title = (s.pinned ? ui.t("notice.pinned_mark") : "") + s.title;
    const bool running = s.publicity_phase == "running";
    if (big_button(ui, "notice." + std::to_string(s.id), title, ImVec2(width, row_h),
                   {running ? IM_COL32(255, 248, 225, 255) : theme::kKeyButton, theme::kText, ui.fonts.title(),
                    s.pinned ? theme::kHeader : theme::kKeyBorder, true},
                   notice_meta(ui, s)))
      ui.emit(app::OpenNotice{s.id});
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  if (pages > 1) {
    ImGui::SetCursorPos(ImVec2(em * 9, ImGui::GetWindowHeight() - em * 2.8f));
    label(ui, ui.msg(core::Message("notice.page").arg("n", std::to_string(page + 1)).arg("total", std::to_string(pages))),
          ui.fonts.body(), theme::kTextMuted);
    if (page > 0 && footer_button(ui, "page.prev", ui.t("notice.prev"), ImGui::GetWindowWidth() - em * 16))
      ui.emit(app::NoticePage{-1});
    if (page + 1 < pages && footer_button(ui, "page.next", ui.t("notice.next"), ImGui::GetWindowWidth() - em * 8))
      ui.emit(app::NoticePage{1});
  }
}

void notice_page(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::NoticeDetailView& d = ui.state.notices.detail;
  const float width = ImGui::GetWindowWidth() - em * 4;
  ImGui::SetCursorPosX(em * 2);
  label(ui, d.summary.title, ui.fonts.title(), theme::kText, width);
  ImGui::SetCursorPosX(em * 2);
  const bool running = d.summary.publicity_phase == "running";
  label(ui, notice_meta(ui, d.summary), ui.fonts.body(), running ? theme::kHeader : theme::kTextMuted, width);
  message_line(ui, width);
  ImGui::Dummy(ImVec2(0, em * 0.3f));
  ImGui::SetCursorPosX(em * 2);
  // Large mode: the page count sits above the footer (the footer row is full), so the text
  // gives up one line more.
  const bool large = ui.state.large_mode;
  const float bottom = em * (large ? 5.4f : 4.2f);
  const float height = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - bottom;
  int pages = 1;
  if (!d.rows.empty() && large) {
    // Large mode has no room for the explanation and the table together: the explanation is
    // page 1, the table's pages follow (totals on each).
    if (d.page <= 0) {
      paged_text(ui, d.body, ui.fonts.body(), theme::kText, width, height, 0);
      pages = 1 + finance_pages(ui, d, height);
    } else {
      pages = 1 + finance_table(ui, d, width, height, d.page - 1);
    }
  } else if (!d.rows.empty()) {
    label(ui, d.body, ui.fonts.body(), theme::kText, width);
    ImGui::SetCursorPosX(em * 2);
    pages = finance_table(ui, d, width, ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - em * 4.2f, d.page);
  } else {
    // Big text for reading standing up: the title font, paged rather than scrolled.
    pages = paged_text(ui, d.body, ui.fonts.title(), theme::kText, width, height, d.page);
  }
  if (d.has_image) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("notice.has_image"), ui.fonts.body(), theme::kTextMuted);
  }
  const int page = std::clamp(d.page, 0, pages - 1);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  if (pages > 1 && large) {
    // Back, previous, next and 我有意见 share the footer row; narrower page buttons.
    ImGui::SetCursorPos(ImVec2(em * 2, ImGui::GetWindowHeight() - em * 4.9f));
    label(ui, ui.msg(core::Message("notice.page").arg("n", std::to_string(page + 1)).arg("total", std::to_string(pages))),
          ui.fonts.body(), theme::kTextMuted);
    const ButtonStyle nav{theme::kNeutralButton, theme::kOnColor};
    const ImVec2 nav_size(em * 5.4f, em * 2.6f);
    ImGui::SetCursorPos(ImVec2(em * 8.5f, ImGui::GetWindowHeight() - em * 3.6f));
    if (page > 0 && big_button(ui, "page.prev", ui.t("notice.prev"), nav_size, nav))
      ui.emit(app::NoticePage{-1});
    ImGui::SetCursorPos(ImVec2(em * 14.2f, ImGui::GetWindowHeight() - em * 3.6f));
    if (page + 1 < pages && big_button(ui, "page.next", ui.t("notice.next"), nav_size, nav))
      ui.emit(app::NoticePage{1});
  } else if (pages > 1) {
    ImGui::SetCursorPos(ImVec2(em * 9, ImGui::GetWindowHeight() - em * 2.8f));
    label(ui, ui.msg(core::Message("notice.page").arg("n", std::to_string(page + 1)).arg("total", std::to_string(pages))),
          ui.fonts.body(), theme::kTextMuted);
    if (page > 0 && footer_button(ui, "page.prev", ui.t("notice.prev"), em * 15))
      ui.emit(app::NoticePage{-1});
    if (page + 1 < pages && footer_button(ui, "page.next", ui.t("notice.next"), em * 23))
      ui.emit(app::NoticePage{1});
  }
  const float opinion_w = em * (large ? 9.5f : 11);
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em - opinion_w, ImGui::GetWindowHeight() - em * 3.6f));
  if (big_button(ui, "opinion", ui.t("notice.opinion"), ImVec2(opinion_w, em * 2.6f), {theme::kTileRequests, theme::kOnColor}))
    ui.emit(app::NoticeOpinion{});
}

void notice_opinion(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::NoticesView& v = ui.state.notices;
  const float width = ImGui::GetWindowWidth() - em * 4;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("notice.opinion_on").arg("title", v.detail.summary.title)), ui.fonts.title(),
        theme::kText, width);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("notice.opinion_hint"), ui.fonts.body(), theme::kTextMuted, width);
  // What is chosen so far, with 键盘输入 beside it (as on a request form's text question).
  const float kb_w = em * 9;
  const float chosen_y = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - kb_w, chosen_y));
  if (big_button(ui, "keyboard", ui.t("form.keyboard"), ImVec2(kb_w, em * 2.2f),
                 {theme::kTileRequests, theme::kOnColor, ui.fonts.body(), 0}))
    ui.emit(app::OpenTextEntry{"notices.opinion"});
  ImGui::SetCursorPos(ImVec2(em * 2, chosen_y));
  label(ui, ui.msg(core::Message("form.chosen").arg("value", v.comment_text.empty() ? "—" : v.comment_text)),
        ui.fonts.title(), theme::kText, width - kb_w - em);
  ImGui::SetCursorPos(ImVec2(em * 2, std::max(ImGui::GetCursorPosY(), chosen_y + em * 2.4f)));
  ImGui::Dummy(ImVec2(0, em * 0.4f));
  const ImVec2 start = ImGui::GetCursorPos();
  const float gap = em * 0.5f;
  const ImVec2 size((width - 2 * gap) / 3, em * 2.4f);
  for (std::size_t i = 0; i < std::size(kOpinionPhrases); ++i) {
    const std::string phrase = ui.t(kOpinionPhrases[i]);
    const std::size_t at = v.comment_text.find(phrase);
    // Chinese phrases end in 。 and join as they are; English ones need a space between.
    const std::string sep = ui.state.locale == "en" ? " " : "";
    std::string next = v.comment_text;
    if (at != std::string::npos) {
      next.erase(at, phrase.size());
      while (next.find("  ") != std::string::npos) next.erase(next.find("  "), 1);
      while (!next.empty() && next.front() == ' ') next.erase(next.begin());
      while (!next.empty() && next.back() == ' ') next.pop_back();
    } else {
      next = next.empty() ? phrase : next + sep + phrase;
    }
    ImGui::SetCursorPos(ImVec2(em * 2 + (i % 3) * (size.x + gap), start.y + (i / 3) * (size.y + gap)));
    const bool on = at != std::string::npos;
    if (big_button(ui, "phrase." + std::to_string(i), phrase, size,
                   {on ? theme::kTileRequests : theme::kKeyButton, on ? theme::kOnColor : theme::kText, ui.fonts.body(),
                    theme::kKeyBorder}))
      ui.emit(app::NoticeCommentText{next});
  }
  ImGui::SetCursorPos(ImVec2(em * 2, start.y + 2 * (size.y + gap)));
  message_line(ui, width);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 12, ImGui::GetWindowHeight() - em * 3.6f));
  if (big_button(ui, "send_opinion", ui.t("notice.send"), ImVec2(em * 11, em * 2.6f), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::NoticeSendComment{});
}

}  // namespace vsk::ui::screens
