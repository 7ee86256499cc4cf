// The request form, one question per page, answered by taps; then the confirm page.
#include <algorithm>

#include "core/date.h"
#include "core/ui_scale.h"
#include "ui/format.h"
#include "ui/screens/keypad_page.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

const core::Service* draft_service(const UiContext& ui) { return ui.catalog.find(ui.state.draft.service_id); }

std::string current_value(const UiContext& ui, const core::FormField& f) {
  auto it = ui.state.draft.values.find(f.id);
  return it == ui.state.draft.values.end() ? "" : it->second;
}

std::string question_title(UiContext& ui, const core::FormField& f) {
  return ui.local(f.label) + (f.required ? "" : ui.t("form.optional"));
}

std::string progress_text(UiContext& ui, const core::Service& s) {
  return ui.msg(core::Message("form.progress")
                    .arg("n", std::to_string(ui.state.draft.field_index + 1))
                    .arg("total", std::to_string(s.fields.size())));
}

ButtonStyle option_style(UiContext& ui, bool selected) {
  return selected ? ButtonStyle{theme::kTileRequests, theme::kOnColor, ui.fonts.title(), 0}
                  : ButtonStyle{theme::kKeyButton, theme::kText, ui.fonts.title(), theme::kKeyBorder};
}

void error_line(UiContext& ui) {
  if (!ui.state.error) return;
  ImGui::SetCursorPosX(ui.em() * 2);
  label(ui, ui.msg(*ui.state.error), ui.fonts.title(), theme::kError, ImGui::GetWindowWidth() - ui.em() * 4);
}

// Choices and yes/no: big buttons, two columns.
void choices(UiContext& ui, const core::FormField& f) {
  const float em = ui.em();
  const std::string value = current_value(ui, f);
  std::vector<std::pair<std::string, std::string>> options;
  if (f.type == core::FieldType::kYesNo)
    options = {{"true", ui.t("form.yes")}, {"false", ui.t("form.no")}};
  else
    for (const auto& c : f.choices) options.emplace_back(c.id, ui.local(c.label));
  const ImVec2 start = ImGui::GetCursorPos();
  // Large mode: the em is 1.5x, so rows are kept tighter to stay above the footer.
  const bool large = ui.state.large_mode;
  const float gap = em * (large ? 0.3f : 0.6f);
  const ImVec2 size((ImGui::GetWindowWidth() - em * 4 - gap) / 2, em * (large ? 1.9f : 2.6f));
  for (size_t i = 0; i < options.size(); ++i) {
    ImGui::SetCursorPos(ImVec2(em * 2 + (i % 2) * (size.x + gap), start.y + (i / 2) * (size.y + gap)));
    if (big_button(ui, "opt." + options[i].first, options[i].second, size, option_style(ui, value == options[i].first)))
      ui.emit(app::SetValue{options[i].first});
  }
  ImGui::SetCursorPos(ImVec2(em * 2, start.y + ((options.size() + 1) / 2) * (size.y + gap)));
}

// Short text: tap common phrases; each tap adds the phrase (a second tap on it removes it).
void phrases(UiContext& ui, const core::FormField& f) {
  const float em = ui.em();
  const std::string value = current_value(ui, f);
  // The on-screen keyboard (pinyin, ABC, digits) for anything the phrases do not say.
  const float top = ImGui::GetCursorPosY();
  const float kb_w = em * 9;
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - kb_w, top));
  if (big_button(ui, "keyboard", ui.t("form.keyboard"), ImVec2(kb_w, em * (ui.state.large_mode ? 1.9f : 2.2f)),
                 {theme::kTileRequests, theme::kOnColor, ui.fonts.body(), 0}))
    ui.emit(app::OpenTextEntry{"form"});
  ImGui::SetCursorPos(ImVec2(em * 2, top));
  const bool large = ui.state.large_mode;
  const float text_w = ImGui::GetWindowWidth() - em * 5 - kb_w;
  if (large && ui.state.error)  // large mode: the error takes this line (no room below the phrases)
    label(ui, ui.msg(*ui.state.error), ui.fonts.body(), theme::kError, text_w);
  else
    label(ui, ui.msg(core::Message("form.chosen").arg("value", value.empty() ? "—" : value)), ui.fonts.title(),
          theme::kText, text_w);
  ImGui::SetCursorPos(ImVec2(em * 2, std::max(ImGui::GetCursorPosY(), top + em * (large ? 2.2f : 2.4f))));
  if (!large) label(ui, ui.t("form.phrases"), ui.fonts.body(), theme::kTextMuted);
  const ImVec2 start = ImGui::GetCursorPos();
  const float gap = em * (large ? 0.3f : 0.5f);
  // Three columns; two when a phrase would not fit on one line (large mode).
  std::size_t cols = 3;
  const float col3 = (ImGui::GetWindowWidth() - em * 4 - 2 * gap) / 3;
  for (const auto& p : f.phrases) {
    const std::string t = ui.local(p);
    if (ui.fonts.body()->CalcTextSizeA(em, 1e9f, 0, t.c_str()).x > col3 - em * 0.6f) cols = 2;
  }
  const ImVec2 size((ImGui::GetWindowWidth() - em * 4 - (cols - 1) * gap) / cols, em * (large ? 1.8f : 2.2f));
  for (size_t i = 0; i < f.phrases.size(); ++i) {
    const std::string phrase = ui.local(f.phrases[i]);
    const bool in_value = value.find(phrase) != std::string::npos;
    std::string next = value;
    if (in_value) {
      next.erase(next.find(phrase), phrase.size());
      next.erase(std::unique(next.begin(), next.end(), [](char a, char b) { return a == ' ' && b == ' '; }), next.end());
      while (!next.empty() && next.front() == ' ') next.erase(next.begin());
      while (!next.empty() && next.back() == ' ') next.pop_back();
    } else {
      next = value.empty() ? phrase : value + " " + phrase;
    }
    ImGui::SetCursorPos(ImVec2(em * 2 + (i % cols) * (size.x + gap), start.y + (i / cols) * (size.y + gap)));
    ButtonStyle style = option_style(ui, in_value);
    style.font = ui.fonts.body();
    if (big_button(ui, "phrase." + std::to_string(i), phrase, size, style)) ui.emit(app::SetValue{next});
  }
  ImGui::SetCursorPos(ImVec2(em * 2, start.y + ((f.phrases.size() + cols - 1) / cols) * (size.y + gap)));
}

// A month calendar: tap a day. Quick buttons for today and yesterday.
// Portrait (taller than wide): the month grid goes under the question and quick buttons.
bool calendar_below(const UiContext&) { return ImGui::GetWindowHeight() > ImGui::GetWindowWidth(); }

void date_picker(UiContext& ui, const core::FormField& f) {
  const float em = ui.em();
  const std::string value = current_value(ui, f);
  const auto today = core::parse_date(ui.state.today);
  const auto month = core::parse_date(ui.state.draft.date_month + "-01");
  if (!today || !month) return;
  const ImVec2 top = ImGui::GetCursorPos();

  ImGui::SetCursorPos(ImVec2(em * 2, top.y));
  label(ui, ui.msg(core::Message("form.chosen").arg("value", value.empty() ? "—" : date_words(ui, value))),
        ui.fonts.title(), theme::kText);
  const ButtonStyle quick{theme::kNeutralButton, theme::kOnColor, ui.fonts.title(), 0};
  const float quick_h = em * (ui.state.large_mode ? 2.2f : 2.6f);
  ImGui::SetCursorPosX(em * 2);
  if (big_button(ui, "date.today", ui.t("form.today"), ImVec2(em * 8, quick_h), quick))
    ui.emit(app::SetValue{ui.state.today});
  ImGui::SetCursorPosX(em * 2);
  if (big_button(ui, "date.yesterday", ui.t("form.yesterday"), ImVec2(em * 8, quick_h), quick))
    ui.emit(app::SetValue{core::format_date(core::add_days(*today, -1))});
  error_line(ui);

  // The month grid on the right: 7 columns, Monday first as on Chinese calendars. Large mode:
  // the grid runs down to the screen's bottom (the footer buttons move to the left column),
  // its cells as big as the height allows but never under the smallest target.
  const bool large = ui.state.large_mode;
  // In large mode the grid starts right under the header (the question wraps on the left).
  // Portrait: the grid goes under the quick buttons, as wide as the screen allows.
  const bool below = calendar_below(ui);
  const float grid_y = below ? ImGui::GetCursorPosY() + em * 0.3f : large ? ui.content_top - em * 0.1f : top.y;
  // ...and leaves the left 16 em to the quick buttons and the footer buttons.
  const float cell = below ? std::clamp(std::min((ImGui::GetWindowHeight() - grid_y - em * 4.2f) / 7.6f,
                                                 (ImGui::GetWindowWidth() - em * 4) / 7),
                                        em * core::kSmallestTargetEm, em * 2.3f)
                     : large ? std::clamp(std::min((ImGui::GetWindowHeight() - grid_y - em * 0.3f) / 7.5f,
                                                   (ImGui::GetWindowWidth() - em * 18) / 7),
                                          em * core::kSmallestTargetEm, em * 2.3f)
                             // Six weeks, the month row and the weekday row above the footer's buttons.
                             : std::clamp((ImGui::GetWindowHeight() - grid_y - em * 4.2f) / 7.6f,
                                          em * core::kSmallestTargetEm, em * 2.3f);
  const float gx = below ? em * 2 : ImGui::GetWindowWidth() - em * 2 - cell * 7;
  ImGui::SetCursorPos(ImVec2(gx, grid_y));
  const core::Date prev = core::add_days(*month, -1);
  const core::Date next = core::add_days(*month, 31);
  // "2026年11月" / "Nov 2026", from the translations.
  const std::string title_text = ui.msg(core::Message("date.year_month")
                                            .arg("year", std::to_string(month->year))
                                            .arg("month", "date.month." + std::to_string(month->month)));
  const char* title = title_text.c_str();
  const ButtonStyle nav{theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder};
  // Large mode: narrower month buttons and the month in body text, so it fits between them.
  const float nav_w = std::max(cell * (large ? 1.7f : 1.8f),
                               ui.fonts.body()->CalcTextSizeA(ui.fonts.body()->FontSize, 1e9f, 0,
                                                              ui.t("form.prev_month").c_str()).x + em * 0.8f);
  // The month title between the buttons: the title font when it fits, else body text.
  const float title_room = cell * 7 - em * 0.2f - 2 * nav_w - em * 0.4f;
  ImFont* month_font = !large && ui.fonts.title()->CalcTextSizeA(ui.fonts.title()->FontSize, 1e9f, 0, title).x <= title_room
                           ? ui.fonts.title()
                           : ui.fonts.body();
  if (big_button(ui, "date.prev_month", ui.t("form.prev_month"), ImVec2(nav_w, cell * 0.9f), nav))
    ui.emit(app::DateMonth{prev.year, prev.month});
  const float month_w = month_font->CalcTextSizeA(month_font->FontSize, 1e9f, 0, title).x;
  ImGui::SetCursorPos(ImVec2(gx + cell * 3.5f - month_w * 0.5f, grid_y + (cell * 0.9f - month_font->FontSize) * 0.5f));
  label(ui, title, month_font, theme::kText);
  ImGui::SetCursorPos(ImVec2(gx + cell * 7 - em * 0.2f - nav_w, grid_y));
  if (big_button(ui, "date.next_month", ui.t("form.next_month"), ImVec2(nav_w, cell * 0.9f), nav))
    ui.emit(app::DateMonth{next.year, next.month});
  // The weekday row (一 二 … 日, Monday first), so a resident can find "last Tuesday".
  const float nav_row = cell * (large ? 0.9f : 1.0f);
  const float weekday_h = cell * 0.6f;  // counted in the cell size above (7.6 = 0.9/1 + 0.6 + 6)
  for (int w = 0; w < 7; ++w) {
    const std::string wd = ui.t("date.weekday_short." + std::to_string(w + 1));
    const float ww = ui.fonts.body()->CalcTextSizeA(ui.fonts.body()->FontSize, 1e9f, 0, wd.c_str()).x;
    ImGui::SetCursorPos(ImVec2(gx + w * cell + (cell - em * 0.2f - ww) * 0.5f,
                               grid_y + nav_row + (weekday_h - ui.fonts.body()->FontSize) * 0.5f));
    label(ui, wd, ui.fonts.body(), w >= 5 ? theme::kHeader : theme::kTextMuted);
  }
  const int lead = core::weekday(*month);
  for (int d = 1; d <= 31; ++d) {
    const core::Date day{month->year, month->month, d};
    if (!core::is_valid(day)) break;
    const int slot = lead + d - 1;
    ImGui::SetCursorPos(ImVec2(gx + (slot % 7) * cell, grid_y + nav_row + weekday_h + (slot / 7) * cell));
    const std::string iso = core::format_date(day);
    ButtonStyle style = option_style(ui, iso == value);
    style.font = ui.fonts.body();
    if (iso == ui.state.today && iso != value) style.border = theme::kTileRequests;
    if (big_button(ui, "day." + iso, std::to_string(d), ImVec2(cell - em * 0.2f, cell - em * 0.2f), style))
      ui.emit(app::SetValue{iso});
  }
}

}  // namespace

void form_field(UiContext& ui) {
  const core::Service* s = draft_service(ui);
  if (!s || ui.state.draft.field_index >= s->fields.size()) return;
  const core::FormField& f = s->fields[ui.state.draft.field_index];
  const float em = ui.em();

  if (f.type == core::FieldType::kNumber || f.type == core::FieldType::kPhone) {
    const std::string shown = ui.state.keypad.entry + (ui.state.keypad.entry.empty() ? "" : ui.local(f.unit));
    keypad_page(ui, question_title(ui, f), progress_text(ui, *s) + " · " + service_name(ui, s->id), shown, "");
    return;
  }
  header(ui);
  const bool large = ui.state.large_mode;
  ImGui::SetCursorPosX(em * 2);
  if (large)  // one line less: the progress goes after the question (beside the calendar: wrapped)
    label(ui, question_title(ui, f) + "  (" + std::to_string(ui.state.draft.field_index + 1) + "/" +
                  std::to_string(s->fields.size()) + ")", ui.fonts.title(), theme::kText,
          f.type == core::FieldType::kDate && !calendar_below(ui) ? ImGui::GetWindowWidth() * 0.45f
                                                                  : ImGui::GetWindowWidth() - em * 4);
  else
    label(ui, progress_text(ui, *s) + " · " + ui.local(s->name), ui.fonts.body(), theme::kTextMuted);
  if (!large) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, question_title(ui, f), ui.fonts.title(), theme::kText);
    ImGui::Dummy(ImVec2(0, em * 0.3f));
  }
  switch (f.type) {
    case core::FieldType::kChoice:
    case core::FieldType::kYesNo:
      choices(ui, f);
      error_line(ui);
      break;
    case core::FieldType::kShortText:
      phrases(ui, f);
      if (!large) error_line(ui);
      break;
    case core::FieldType::kDate:
      date_picker(ui, f);
      break;
    default:
      break;
  }
  if (footer_button(ui, "prev", ui.t("form.prev"), em)) ui.emit(app::PrevField{});
  const bool answered = !current_value(ui, f).empty();
  const std::string next_label = answered || f.required ? ui.t("form.next") : ui.t("form.skip");
  // Large mode's calendar fills the right side: "next" sits beside "back" on the left.
  const bool left_next = large && f.type == core::FieldType::kDate && !calendar_below(ui);
  ImGui::SetCursorPos(ImVec2(left_next ? em * 8.4f : ImGui::GetWindowWidth() - em * 11, ImGui::GetWindowHeight() - em * 3.6f));
  if (big_button(ui, "next", next_label, ImVec2(left_next ? em * 7 : em * 10, em * 2.6f), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::NextField{});
}

void confirm(UiContext& ui) {
  const core::Service* s = draft_service(ui);
  if (!s) return;
  const float em = ui.em();
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("confirm.title"), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("confirm.service").arg("name", ui.local(s->name))), ui.fonts.title(), theme::kText);
  for (const auto& f : s->fields) {
    auto it = ui.state.draft.values.find(f.id);
    if (it == ui.state.draft.values.end()) continue;
    ImGui::SetCursorPosX(em * 2.5f);
    label(ui, ui.msg(core::Message("field.label_value").arg("label", ui.local(f.label)).arg("value", field_value_text(ui, f, it->second))), ui.fonts.body(), theme::kText,
          ImGui::GetWindowWidth() - em * 20);
  }
  ImGui::Dummy(ImVec2(0, em * 0.3f));
  if (ui.state.draft.anonymous) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("confirm.anonymous"), ui.fonts.body(), theme::kTextMuted);
  } else if (ui.state.resident) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.state.resident->name + "  " + ui.state.resident->masked_id, ui.fonts.body(), theme::kTextMuted);
  }
  if (ui.state.draft.on_behalf_staff_id && ui.state.staff) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("confirm.on_behalf").arg("name", ui.state.staff->name)), ui.fonts.body(),
          theme::kTextMuted);
  }
  error_line(ui);

  const float x = ImGui::GetWindowWidth() - em * 15;
  if (s->rewarded && ui.state.draft.anonymous) {
    ImGui::SetCursorPos(ImVec2(x, em * 4));
    const bool on = ui.state.draft.reward_opt_in;
    if (big_button(ui, "reward", ui.t("form.reward"), ImVec2(em * 13, em * 3),
                   option_style(ui, on)))
      ui.emit(app::ToggleReward{});
  }
  ImGui::SetCursorPos(ImVec2(x, ImGui::GetWindowHeight() - em * 8));
  if (big_button(ui, "submit", ui.t("confirm.submit"), ImVec2(em * 13, em * 4), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::ConfirmRequest{});
  // Large mode: the answers on the left run to the bottom, so "back" joins the right column.
  if (footer_button(ui, "prev", ui.t("form.prev"), ui.state.large_mode ? x : em)) ui.emit(app::PrevField{});
}

}  // namespace vsk::ui::screens
