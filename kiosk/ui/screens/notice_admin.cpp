// Staff's notices: the list with drafts and taken-down notices, one notice with its actions,
// versions and residents' comments, the editor (phrases, or 键盘输入 for the title and text) and
// the finance row page (amount on the number keypad; the item from phrases or the keyboard).
#include <algorithm>

#include "ui/format.h"
#include "ui/screens/keypad_page.h"
#include "ui/screens/notice_parts.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

const char* const kTitlePhrases[] = {"notice.title.meeting",  "notice.title.finance", "notice.title.welfare",
                                     "notice.title.policy",   "notice.title.party",   "notice.title.outage"};
const char* const kBodyPhrases[] = {"notice.body.decided",  "notice.body.objection", "notice.body.pass_on",
                                    "notice.body.ask",      "notice.body.hereby",    "notice.body.thanks"};
const char* const kIncomeItems[] = {"notice.item.transfer", "notice.item.rent", "notice.item.pond",
                                    "notice.item.project"};
const char* const kExpenseItems[] = {"notice.item.allowance", "notice.item.office", "notice.item.lights",
                                     "notice.item.road",      "notice.item.cleaning", "notice.item.meeting"};

ButtonStyle choice_style(UiContext& ui, bool on) {
  return {on ? theme::kTileNotices : theme::kKeyButton, on ? theme::kOnColor : theme::kText, ui.fonts.body(),
          theme::kKeyBorder};
}

// Buttons in a grid of `cols` columns from the cursor; each tap emits action_of(i).
template <typename LabelFn, typename OnFn, typename ActionFn>
void button_grid(UiContext& ui, const std::string& id_prefix, std::size_t n, int cols, float x, float width,
                 LabelFn label_of, OnFn on, ActionFn action_of) {
  const float em = ui.em();
  const float gap = em * 0.3f;
  const ImVec2 size((width - gap * (cols - 1)) / cols, em * 1.6f);
  const float y = ImGui::GetCursorPosY();
  for (std::size_t i = 0; i < n; ++i) {
    ImGui::SetCursorPos(ImVec2(x + (i % cols) * (size.x + gap), y + (i / cols) * (size.y + gap)));
    if (big_button(ui, id_prefix + std::to_string(i), label_of(i), size, choice_style(ui, on(i))))
      ui.emit(action_of(i));
  }
  ImGui::SetCursorPos(ImVec2(x, y + ((n + cols - 1) / cols) * (size.y + gap)));
}

// A caption with a small 键盘输入 button at the right end of its line: the phrases below it,
// the keyboard for anything else. Leaves the cursor under both.
void caption_with_keyboard(UiContext& ui, const std::string& caption, const std::string& id, const std::string& target,
                           float x, float width) {
  const float em = ui.em();
  const float y = ImGui::GetCursorPosY();
  const float kb_w = em * 6;
  ImGui::SetCursorPos(ImVec2(x, y + em * 0.3f));
  label(ui, caption, ui.fonts.body(), theme::kTextMuted, width - kb_w - em * 0.5f);
  const float after = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(x + width - kb_w, y));
  if (big_button(ui, id, ui.t("form.keyboard"), ImVec2(kb_w, em * 1.6f),
                 {theme::kTileRequests, theme::kOnColor, ui.fonts.body(), 0}))
    ui.emit(app::OpenTextEntry{target});
  ImGui::SetCursorPos(ImVec2(x, std::max(after, y + em * 1.9f)));
}

std::string status_words(UiContext& ui, const app::NoticeSummary& s) {
  return ui.t("notice.status." + s.status);
}

}  // namespace

void staff_notices(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::NoticesView& v = ui.state.notices;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("admin.notices"), ui.fonts.title(), theme::kText);
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
  for (int i = 0; i < per_page; ++i) {
    const std::size_t n = static_cast<std::size_t>(page * per_page + i);
    if (n >= v.rows.size()) break;
    const app::NoticeSummary& s = v.rows[n];
    std::string sub = status_words(ui, s) + " · " + ui.msg(core::Message("notice.version").arg("v", std::to_string(s.version))) +
                      " · " + notice_meta(ui, s);
    if (s.open_comments > 0)
      sub += " · " + ui.msg(core::Message("notice.open_comments").arg("n", std::to_string(s.open_comments)));
    const bool live = s.status == "published";
    ImGui::SetCursorPos(ImVec2(em * 2, list_top + i * (row_h + gap)));
    if (big_button(ui, "notice." + std::to_string(s.id), (s.pinned ? ui.t("notice.pinned_mark") : "") + s.title,
                   ImVec2(width, row_h),
                   {live ? theme::kKeyButton : IM_COL32(236, 236, 236, 255), theme::kText, ui.fonts.body(),
                    s.open_comments > 0 ? theme::kError : theme::kKeyBorder, true},
                   sub))
      ui.emit(app::OpenNotice{s.id});
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  const bool large = ui.state.large_mode;
  if (pages > 1 && large) {  // back, previous, next and 新建公告 share the footer row: narrower page buttons
    const ButtonStyle nav{theme::kNeutralButton, theme::kOnColor};
    ImGui::SetCursorPos(ImVec2(em * 8.5f, ImGui::GetWindowHeight() - em * 3.6f));
    if (page > 0 && big_button(ui, "page.prev", ui.t("notice.prev"), ImVec2(em * 5.4f, em * 2.6f), nav))
      ui.emit(app::NoticePage{-1});
    ImGui::SetCursorPos(ImVec2(em * 14.2f, ImGui::GetWindowHeight() - em * 3.6f));
    if (page + 1 < pages && big_button(ui, "page.next", ui.t("notice.next"), ImVec2(em * 5.4f, em * 2.6f), nav))
      ui.emit(app::NoticePage{1});
  } else if (pages > 1) {
    if (page > 0 && footer_button(ui, "page.prev", ui.t("notice.prev"), em * 9))
      ui.emit(app::NoticePage{-1});
    if (page + 1 < pages && footer_button(ui, "page.next", ui.t("notice.next"), em * 17))
      ui.emit(app::NoticePage{1});
  }
  const float new_w = em * (large ? 9.5f : 11);
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em - new_w, ImGui::GetWindowHeight() - em * 3.6f));
  if (big_button(ui, "notice_new", ui.t("notice.new"), ImVec2(new_w, em * 2.6f), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::NoticeNew{});
}

void staff_notice(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::NoticeDetailView& d = ui.state.notices.detail;
  const app::NoticeSummary& s = d.summary;
  const float right_w = em * 15;
  const float left_w = ImGui::GetWindowWidth() - right_w - em * 5;
  const float top = ImGui::GetCursorPosY();
  ImGui::SetCursorPosX(em * 2);
  label(ui, s.title, ui.fonts.title(), theme::kText, left_w);
  ImGui::SetCursorPosX(em * 2);
  label(ui, status_words(ui, s) + " · " + notice_meta(ui, s), ui.fonts.body(), theme::kTextMuted, left_w);
  if (d.shown_version != 0) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("notice.old_version").arg("v", std::to_string(d.shown_version))), ui.fonts.body(),
          theme::kError, left_w);
  }
  message_line(ui, left_w);
  ImGui::SetCursorPosX(em * 2);
  const float body_h = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - em * 4.2f;
  if (!d.rows.empty())
    finance_table(ui, d, left_w, body_h, 0);
  else
    paged_text(ui, d.body, ui.fonts.body(), theme::kText, left_w, body_h, 0);

  // Right column: actions, versions, comments.
  const float x = ImGui::GetWindowWidth() - right_w - em * 2;
  ImGui::SetCursorPos(ImVec2(x, top));
  const ImVec2 half((right_w - em * 0.3f) / 2, em * 2.2f);
  const ButtonStyle action{theme::kNeutralButton, theme::kOnColor, ui.fonts.body()};
  if (!s.township && big_button(ui, "notice_edit", ui.t("notice.edit"), half, action)) ui.emit(app::NoticeEdit{});
  ImGui::SetCursorPos(ImVec2(x + half.x + em * 0.3f, top));
  const bool live = s.status == "published";
  if (big_button(ui, live ? "notice_unpublish" : "notice_publish", ui.t(live ? "notice.unpublish" : "notice.publish"), half,
                 {live ? theme::kError : theme::kConfirm, theme::kOnColor, ui.fonts.body()}))
    ui.emit(live ? app::Action(app::NoticeUnpublish{}) : app::Action(app::NoticePublish{}));
  ImGui::SetCursorPos(ImVec2(x, top + half.y + em * 0.3f));
  if (big_button(ui, "notice_pin", ui.t(s.pinned ? "notice.unpin" : "notice.pin"), ImVec2(right_w, half.y), action))
    ui.emit(app::NoticePin{});
  ImGui::SetCursorPos(ImVec2(x, top + 2 * (half.y + em * 0.3f)));
  label(ui, ui.t("notice.versions"), ui.fonts.body(), theme::kText);
  for (auto it = d.versions.rbegin(); it != d.versions.rend(); ++it) {
    if (it - d.versions.rbegin() >= 3) break;  // the newest three; the comments need the room
    const bool current = it->version == s.version;
    const bool shown = d.shown_version == 0 ? current : d.shown_version == it->version;
    ImGui::SetCursorPosX(x);
    const std::string who = it->editor.empty() ? ui.t("notice.cat.township") : it->editor;
    if (big_button(ui, "version." + std::to_string(it->version),
                   ui.msg(core::Message("notice.version_row")
                              .arg("v", std::to_string(it->version))
                              .arg("time", time_text(it->edited_at))
                              .arg("who", who)),
                   ImVec2(right_w, em * 1.6f), choice_style(ui, shown)))
      ui.emit(app::NoticeShowVersion{current ? 0 : it->version});
  }
  ImGui::SetCursorPosX(x);
  label(ui, ui.msg(core::Message("notice.comments").arg("n", std::to_string(d.comments.size()))), ui.fonts.body(),
        theme::kText);
  for (const app::NoticeCommentView& c : d.comments) {
    if (ImGui::GetCursorPosY() > ImGui::GetWindowHeight() - em * 3.5f) break;
    ImGui::SetCursorPosX(x);
    label(ui, ui.msg(core::Message("field.label_value").arg("label", c.resident + " " + time_text(c.at)).arg("value", c.text)), ui.fonts.body(),
          c.handled ? theme::kTextMuted : theme::kText, right_w);
    ImGui::SetCursorPosX(x);
    if (c.handled) {
      label(ui, ui.msg(core::Message("notice.handled_by").arg("who", c.handled_by)), ui.fonts.body(), theme::kConfirm);
    } else if (big_button(ui, "comment_handled." + std::to_string(c.id), ui.t("notice.mark_handled"),
                          ImVec2(right_w, em * 1.6f), {theme::kTileRequests, theme::kOnColor, ui.fonts.body()})) {
      ui.emit(app::NoticeCommentHandled{c.id});
    }
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void notice_editor(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::NoticeEditorView& e = ui.state.notice_editor;
  const core::NoticeContent& c = e.content;
  const float full = ImGui::GetWindowWidth() - em * 4;
  // Left: the choices (wider, two columns of phrases); right: the preview, dates and save.
  const float left_w = full * 0.58f - em * 0.5f;
  const float right_x = em * 2 + full * 0.58f + em * 0.5f;
  const float right_w = full - left_w - em;
  const float top = ImGui::GetCursorPosY();

  ImGui::SetCursorPos(ImVec2(em * 2, top));
  label(ui, ui.t(e.notice_id == 0 ? "notice.editor.new" : "notice.editor.edit"), ui.fonts.title(), theme::kText);
  const char* const cats[] = {"party", "village", "finance", "policy", "publicity"};
  ImGui::SetCursorPosX(em * 2);
  button_grid(
      ui, "cat.", 5, 5, em * 2, left_w, [&](std::size_t i) { return notice_category_label(ui, cats[i]); },
      [&](std::size_t i) { return e.category == cats[i]; },
      [&](std::size_t i) { return app::NoticeSetCategory{cats[i]}; });
  caption_with_keyboard(ui, ui.t("notice.editor.title_phrases"), "title.keyboard", "notices.title", em * 2, left_w);
  button_grid(
      ui, "title.", std::size(kTitlePhrases), 2, em * 2, left_w, [&](std::size_t i) { return ui.t(kTitlePhrases[i]); },
      [&](std::size_t i) { return c.title == ui.t(kTitlePhrases[i]); },
      [&](std::size_t i) { return app::NoticeSetTitle{ui.t(kTitlePhrases[i])}; });
  if (e.category != "finance") {
    caption_with_keyboard(ui, ui.t("notice.editor.body_phrases"), "body.keyboard", "notices.body", em * 2, left_w);
    button_grid(
        ui, "body.", std::size(kBodyPhrases), 2, em * 2, left_w, [&](std::size_t i) { return ui.t(kBodyPhrases[i]); },
        [&](std::size_t i) { return c.body.find(ui.t(kBodyPhrases[i])) != std::string::npos; },
        [&](std::size_t i) {
          const std::string p = ui.t(kBodyPhrases[i]);
          std::string next = c.body;
          const std::size_t at = next.find(p);
          if (at != std::string::npos)
            next.erase(at, p.size());
          else
            next += p;
          return app::NoticeSetBody{next};
        });
  }

  // Right: the notice as it will read.
  ImGui::SetCursorPos(ImVec2(right_x, top));
  label(ui, ui.t("notice.editor.preview"), ui.fonts.body(), theme::kTextMuted);
  ImGui::SetCursorPosX(right_x);
  label(ui, c.title.empty() ? ui.t("notice.editor.no_title") : c.title, ui.fonts.title(),
        c.title.empty() ? theme::kTextMuted : theme::kText, right_w);
  ImGui::SetCursorPosX(right_x);
  std::string dates;
  if (!c.period_start.empty())
    dates = ui.msg(core::Message("notice.period").arg("start", date_words(ui, c.period_start)).arg("end", date_words(ui, c.period_end)));
  else if (!c.end_date.empty())
    dates = ui.msg(core::Message("notice.until").arg("date", date_words(ui, c.end_date)));
  if (!dates.empty()) {
    label(ui, dates, ui.fonts.body(), theme::kHeader, right_w);
    ImGui::SetCursorPosX(right_x);
  }
  // The period / expiry choices and the error sit above the footer; the preview fills the rest.
  const float choices_y = ImGui::GetWindowHeight() - em * 8.6f;
  if (e.category == "finance") {
    app::NoticeDetailView d;
    d.rows = c.finance_rows;
    const core::FinanceTotals t = core::finance_totals(c.finance_rows);
    d.income_fen = t.income_fen;
    d.expense_fen = t.expense_fen;
    const float y = ImGui::GetCursorPosY();
    finance_table(ui, d, right_w, std::min<float>(em * 1.7f * (d.rows.size() + 2), choices_y - y - em * 2.5f), 0);
    // Add income / expense rows on the keypad page; remove the last row.
    ImGui::SetCursorPosX(right_x);
    const ImVec2 third((right_w - em * 0.6f) / 3, em * 1.8f);
    const float by = ImGui::GetCursorPosY();
    if (big_button(ui, "row_income", ui.t("notice.add_income"), third, {theme::kConfirm, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::NoticeAddRow{true});
    ImGui::SetCursorPos(ImVec2(right_x + third.x + em * 0.3f, by));
    if (big_button(ui, "row_expense", ui.t("notice.add_expense"), third, {theme::kError, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::NoticeAddRow{false});
    ImGui::SetCursorPos(ImVec2(right_x + 2 * (third.x + em * 0.3f), by));
    if (!c.finance_rows.empty() &&
        big_button(ui, "row_remove", ui.t("notice.remove_row"), third, {theme::kNeutralButton, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::NoticeRemoveRow{c.finance_rows.size() - 1});
  } else {
    paged_text(ui, c.body.empty() ? ui.t("notice.editor.no_body") : c.body, ui.fonts.body(),
               c.body.empty() ? theme::kTextMuted : theme::kText, right_w,
               std::max(em, choices_y - ImGui::GetCursorPosY() - em * 0.3f), 0);
  }
  ImGui::SetCursorPos(ImVec2(right_x, choices_y));
  if (e.category == "publicity") {
    label(ui, ui.t("notice.editor.period"), ui.fonts.body(), theme::kTextMuted);
    button_grid(
        ui, "period.", 2, 2, right_x, right_w,
        [&](std::size_t i) { return ui.msg(core::Message("notice.editor.days").arg("n", i == 0 ? "5" : "7")); },
        [&](std::size_t) { return false; }, [&](std::size_t i) { return app::NoticePeriodDays{i == 0 ? 5 : 7}; });
  } else {
    label(ui, ui.t("notice.editor.expiry"), ui.fonts.body(), theme::kTextMuted);
    const char* const days[] = {"30", "90", ""};
    const int day_counts[] = {30, 90, 0};
    button_grid(
        ui, "expiry.", 3, 3, right_x, right_w,
        [&](std::size_t i) {
          return i == 2 ? ui.t("notice.editor.no_expiry") : ui.msg(core::Message("notice.editor.days").arg("n", days[i]));
        },
        [&](std::size_t i) { return i == 2 && c.end_date.empty(); },
        [&](std::size_t i) { return app::NoticeEndDays{day_counts[i]}; });
  }
  if (ui.state.error) {
    ImGui::SetCursorPosX(right_x);
    label(ui, ui.msg(*ui.state.error), ui.fonts.body(), theme::kError, right_w);
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 12, ImGui::GetWindowHeight() - em * 3.6f));
  if (big_button(ui, "notice_save", ui.t("notice.save"), ImVec2(em * 11, em * 2.6f), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::NoticeSave{});
}

void notice_finance_row(UiContext& ui) {
  const float em = ui.em();
  const app::NoticeEditorView& e = ui.state.notice_editor;
  const std::string amount = fen_digits_as_yuan(ui.state.keypad.entry);
  const float left_end = keypad_page(ui, ui.t(e.row_income ? "notice.add_income" : "notice.add_expense"),
              ui.msg(core::Message("notice.row_prompt").arg("item", e.row_item.empty() ? "—" : e.row_item)),
              ui.msg(core::Message("notice.amount_yuan").arg("amount", amount)), ui.t("notice.amount_hint"));
  // The items, under the amount (the keypad page leaves the left column's lower half free).
  const float left_w = ImGui::GetWindowWidth() - em * 18;
  ImGui::SetCursorPos(ImVec2(em * 2, std::max(em * 12.5f, left_end + em * 0.3f)));  // under an error line too
  const char* const* items = e.row_income ? kIncomeItems : kExpenseItems;
  const std::size_t n = e.row_income ? std::size(kIncomeItems) : std::size(kExpenseItems);
  button_grid(
      ui, "item.", n, 3, em * 2, left_w, [&](std::size_t i) { return ui.t(items[i]); },
      [&](std::size_t i) { return e.row_item == ui.t(items[i]); },
      [&](std::size_t i) { return app::NoticeRowItem{ui.t(items[i])}; });
  // An item no phrase names: typed.
  ImGui::SetCursorPosX(em * 2);
  if (big_button(ui, "item.keyboard", ui.t("form.keyboard"), ImVec2(em * 9, em * 1.8f),
                 {theme::kTileRequests, theme::kOnColor, ui.fonts.body(), 0}))
    ui.emit(app::OpenTextEntry{"notices.row_item"});
}

}  // namespace vsk::ui::screens
