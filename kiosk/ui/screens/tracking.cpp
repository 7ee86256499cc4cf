// Tracking without identification (number + pickup code), my requests, the timeline, rating.
#include <algorithm>

#include "core/rating.h"
#include "ui/format.h"
#include "ui/screens/keypad_page.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

std::string status_text(UiContext& ui, const std::string& status) { return ui.t("status." + status); }

// "1123017" -> "QS1-1123-017" as typed so far.
std::string track_number_shown(const UiContext& ui) {
  const std::string& e = ui.state.keypad.entry;
  return ui.state.track_prefix + (e.size() > 4 ? e.substr(0, 4) + "-" + e.substr(4) : e);
}

}  // namespace

void track(UiContext& ui) {
  const float em = ui.em();
  const bool code_step = ui.state.keypad.step == app::EntryStep::kTrackCode;
  if (code_step)
    keypad_page(ui, ui.t("track.title"),
                ui.msg(core::Message("track.code_prompt").arg("id", ui.state.keypad.masked_id)),
                shown_entry(ui.state.keypad), "");
  else
    keypad_page(ui, ui.t("track.title"), ui.t("track.number_prompt"), track_number_shown(ui), "");
  if (!code_step && ui.state.large_mode) {
    // Large mode: the left column is narrow and full; 我的申请 sits beside the back button.
    const float x = em * 8.6f;
    const float w = ImGui::GetWindowWidth() - em * 15.6f - x;
    ImGui::SetCursorPos(ImVec2(x, ImGui::GetWindowHeight() - em * 3.6f));
    if (big_button(ui, "mine", ui.t("mine.open"), ImVec2(w, em * 2.6f), {theme::kTileTrack, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::OpenMyRequests{});
  } else if (!code_step) {
    ImGui::SetCursorPos(ImVec2(em * 2, ImGui::GetWindowHeight() - em * 8));
    if (big_button(ui, "mine", ui.t("track.mine"), ImVec2(em * 20, em * 3), {theme::kTileTrack, theme::kOnColor}))
      ui.emit(app::OpenMyRequests{});
  }
}

void my_requests(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("mine.title"), ui.fonts.title(), theme::kText);
  if (ui.state.pending_ratings > 0) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("rate.pending").arg("n", std::to_string(ui.state.pending_ratings))), ui.fonts.body(),
          theme::kTilePoints);
  }
  if (ui.state.my_requests.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("mine.none"), ui.fonts.body(), theme::kTextMuted);
  }
  int shown = 0;
  for (const app::RequestSummary& r : ui.state.my_requests) {
    if (++shown > 6) break;  // the newest six fit one screen
    // Large mode: the newest that end above the footer (about three em a row).
    if (ui.state.large_mode && shown > 1 && ImGui::GetCursorPosY() + em * 3 > ImGui::GetWindowHeight() - em * 3.8f) break;
    const std::string sub = r.number + " · " + status_text(ui, r.status) + " · " +
                            ui.msg(core::Message("receipt.due").arg("date", date_words(ui, r.due_date)));
    ImGui::SetCursorPosX(em * 2);
    if (row_button(ui, "req." + r.number, service_name(ui, r.service_id), sub, ImGui::GetWindowWidth() - em * 4,
                   theme::kKeyButton, r.overdue ? theme::kError : theme::kText))
      ui.emit(app::OpenRequest{r.id});
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void request_timeline(UiContext& ui, float width) {
  const float em = ui.em();
  const app::RequestDetailView& d = ui.state.detail;
  // Large mode: no room left above the footer for the title and a line: leave it out rather
  // than draw under the footer buttons.
  if (ui.state.large_mode &&
      ImGui::GetCursorPosY() + ui.fonts.title()->FontSize + 2 * ImGui::GetTextLineHeightWithSpacing() >
          ImGui::GetWindowHeight() - em * 3.8f)
    return;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("detail.timeline"), ui.fonts.title(), theme::kText);
  // What fits above the footer, newest first; older (and, once paged back, newer) entries are
  // a tap away on 更早的记录 / 较新的记录, so staff and residents can read the whole history.
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const float room = ImGui::GetWindowHeight() - em * 4 - ImGui::GetCursorPosY();
  const std::size_t n = d.timeline.size();
  const std::size_t end = n - std::min(d.timeline_skip, n);
  const float button_h = em * 2.0f;
  auto first_that_fits = [&](int lines) {
    std::size_t first = end;
    while (first > 0) {
      const int need = 1 + (d.timeline[first - 1].note.empty() ? 0 : 1);
      if (need > lines && first < end) break;  // at least one entry, even a long one
      lines -= need;
      --first;
    }
    return first;
  };
  const int lines = std::max(1, static_cast<int>(room / line_h));
  std::size_t first = first_that_fits(lines);
  const bool paged = first > 0 || end < n;
  if (paged) first = first_that_fits(std::max(1, lines - static_cast<int>((button_h + em * 0.4f) / line_h + 0.999f)));
  if (paged) {
    const float y = ImGui::GetCursorPosY() + em * 0.1f;
    float x = em * 2.5f;
    const ButtonStyle page_style{theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder};
    if (first > 0) {
      const std::string older = ui.msg(core::Message("detail.earlier").arg("n", std::to_string(first)));
      const float w = std::max(em * 7, ui.fonts.body()->CalcTextSizeA(ui.fonts.body()->FontSize, 1e9f, 0, older.c_str()).x + em * 1.5f);
      ImGui::SetCursorPos(ImVec2(x, y));
      if (big_button(ui, "timeline.older", older, ImVec2(w, button_h), page_style))
        ui.emit(app::TimelinePage{n - first});
      x += w + em * 0.6f;
    }
    if (end < n) {
      const std::string newer = ui.t("detail.newer");
      const float w = std::max(em * 7, ui.fonts.body()->CalcTextSizeA(ui.fonts.body()->FontSize, 1e9f, 0, newer.c_str()).x + em * 1.5f);
      ImGui::SetCursorPos(ImVec2(x, y));
      const std::size_t shown = end - first;
      if (big_button(ui, "timeline.newer", newer, ImVec2(w, button_h), page_style))
        ui.emit(app::TimelinePage{d.timeline_skip > shown ? d.timeline_skip - shown : 0});
      x += w + em * 0.6f;
    }
    ImGui::SetCursorPos(ImVec2(x, y + (button_h - ui.fonts.body()->FontSize) * 0.5f));
    label(ui,
          ui.msg(core::Message("detail.timeline_range")
                     .arg("from", std::to_string(first + 1))
                     .arg("to", std::to_string(end))
                     .arg("n", std::to_string(n))),
          ui.fonts.body(), theme::kTextMuted);
    ImGui::SetCursorPos(ImVec2(em * 2, y + button_h + em * 0.3f));
  }
  for (std::size_t i = first; i < end; ++i) {
    const app::TimelineEntry& e = d.timeline[i];
    std::string line = time_text(e.at) + "  " + ui.t("action." + e.event) + " → " + status_text(ui, e.to);
    if (!e.who.empty()) line += "  " + ui.msg(core::Message("detail.by").arg("name", e.who));
    if (e.on_behalf) line += "  (" + ui.t("detail.by_staff_for_resident") + ")";
    ImGui::SetCursorPosX(em * 2.5f);
    label(ui, line, ui.fonts.body(), theme::kText, width);
    if (!e.note.empty()) {
      ImGui::SetCursorPosX(em * 3.5f);
      label(ui, note_text(ui, e.note), ui.fonts.body(), theme::kTextMuted, width - em);
    }
  }
}

void request_summary(UiContext& ui, float width) {
  const float em = ui.em();
  const app::RequestDetailView& d = ui.state.detail;
  ImGui::SetCursorPosX(em * 2);
  // Large mode: the status line in body size (already 1.5x), so the timeline keeps some room.
  ImFont* status_font = ui.state.large_mode ? ui.fonts.body() : ui.fonts.title();
  label(ui, d.summary.number + "  " + service_name(ui, d.summary.service_id), ui.fonts.title(), theme::kText, width);
  ImGui::SetCursorPosX(em * 2);
  std::string status = ui.msg(core::Message("detail.status").arg("status", "status." + d.summary.status));
  if (d.summary.status != "completed" && d.summary.status != "rejected" && d.summary.status != "cancelled")
    status += "  " + ui.msg(core::Message("detail.reply_by").arg("date", date_words(ui, d.summary.due_date)));
  if (d.summary.overdue) status += "  " + ui.t("detail.overdue");
  label(ui, status, status_font, d.summary.overdue ? theme::kError : theme::kText, width);
  if (!d.summary.assignee.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("detail.assignee").arg("name", d.summary.assignee)), ui.fonts.body(),
          theme::kTextMuted);
  }
  if (d.escalation_department) {
    ImGui::SetCursorPosX(em * 2);
    label(ui,
          ui.msg(core::Message(d.summary.status == "escalated_unsent" ? "detail.escalate_pending_to" : "detail.escalated_to")
                     .arg("department", *d.escalation_department)),
          ui.fonts.body(),
          theme::kTextMuted);
  }
  if (!d.township_report_by.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("detail.township_by").arg("date", date_words(ui, d.township_report_by))),
          ui.fonts.body(), theme::kTextMuted);
  }
  if (d.summary.rating) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("detail.rating").arg("level", "rate.level." + std::to_string(*d.summary.rating))),
          ui.fonts.body(), theme::kTextMuted);
  }
}

void request_detail(UiContext& ui) {
  const float em = ui.em();
  const app::RequestDetailView& d = ui.state.detail;
  header(ui);
  // Large mode: a narrower right column (its buttons in body size) leaves the text its room.
  const bool large = ui.state.large_mode;
  const float right_w = em * (large ? 9.5f : 13);
  const float width = ImGui::GetWindowWidth() - em * (large ? 14 : 19);
  request_summary(ui, width);
  message_line(ui, width);
  request_timeline(ui, width);

  const float x = ImGui::GetWindowWidth() - em * 2 - right_w;
  float y = em * (large ? 3 : 4);
  ImFont* button_font = large ? ui.fonts.body() : nullptr;
  if (d.rating_wanted || d.rerate_allowed) {
    ImGui::SetCursorPos(ImVec2(x, y));
    if (big_button(ui, "rate", ui.t(d.rating_wanted ? "detail.rate" : "detail.rerate"),
                   ImVec2(right_w, em * (large ? 2.6f : 3.5f)), {theme::kTilePoints, theme::kOnColor, button_font}))
      ui.emit(app::StartRating{});
    y += em * (large ? 3.0f : 4.2f);
  }
  if (d.summary.status == "completed" && ui.state.resident) {
    ImGui::SetCursorPos(ImVec2(x, y));
    if (big_button(ui, "reopen", ui.t("detail.reopen"), ImVec2(right_w, em * (large ? 2.6f : 3)),
                   {theme::kNeutralButton, theme::kOnColor, button_font}))
      ui.emit(app::Reopen{});
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void rate(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("rate.title"), ui.fonts.title(), theme::kText);
  // Large mode: levels in body size (one line each), tags four to a row, submit in the footer row.
  const bool large = ui.state.large_mode;
  const float gap = em * 0.5f;
  const ImVec2 size((ImGui::GetWindowWidth() - em * 4 - 4 * gap) / 5, em * (large ? 2.0f : 3.2f));
  const ImVec2 start = ImGui::GetCursorPos();
  for (int level = 5; level >= 1; --level) {
    const int i = 5 - level;
    ImGui::SetCursorPos(ImVec2(em * 2 + i * (size.x + gap), start.y));
    const bool selected = ui.state.rate.level == level;
    const ImU32 fill = selected ? (core::is_bad_rating(level) ? theme::kError : theme::kConfirm) : theme::kKeyButton;
    if (big_button(ui, "level." + std::to_string(level), ui.t("rate.level." + std::to_string(level)), size,
                   {fill, selected ? theme::kOnColor : theme::kText, large ? ui.fonts.body() : ui.fonts.title(),
                    theme::kKeyBorder}))
      ui.emit(app::RateLevel{level});
  }
  ImGui::SetCursorPos(ImVec2(em * 2, start.y + size.y + em));
  if (ui.state.rate.level > 0) {
    label(ui, ui.t("rate.tags"), ui.fonts.body(), theme::kTextMuted);
    const auto tags = core::rating_tags(ui.state.rate.level);
    const ImVec2 tag_start = ImGui::GetCursorPos();
    const size_t per_row = large ? 4 : tags.size();
    const ImVec2 tag_size(large ? (ImGui::GetWindowWidth() - em * 4 - 3 * gap) / 4 : em * 8, em * (large ? 1.6f : 2.2f));
    for (size_t i = 0; i < tags.size(); ++i) {
      const std::string id(tags[i]);
      const bool on = std::find(ui.state.rate.tags.begin(), ui.state.rate.tags.end(), id) != ui.state.rate.tags.end();
      ImGui::SetCursorPos(
          ImVec2(em * 2 + (i % per_row) * (tag_size.x + gap), tag_start.y + (i / per_row) * (tag_size.y + gap)));
      if (big_button(ui, "tag." + id, ui.t("rate.tag." + id), tag_size,
                     {on ? theme::kTileRequests : theme::kKeyButton, on ? theme::kOnColor : theme::kText,
                      ui.fonts.body(), theme::kKeyBorder}))
        ui.emit(app::ToggleTag{id});
    }
    const size_t tag_rows = (tags.size() + per_row - 1) / per_row;
    ImGui::SetCursorPos(ImVec2(em * 2, tag_start.y + tag_rows * (tag_size.y + gap) - gap + em * (large ? 0.3f : 1)));
  }
  message_line(ui, ImGui::GetWindowWidth() - em * 4);
  if (ui.state.staff) {
    // Staff record ratings given in person or by phone; the source is stored with the rating.
    ImGui::SetCursorPos(ImVec2(em * 2, ImGui::GetWindowHeight() - em * 8));
    const bool phone = ui.state.rate.by_phone;
    if (big_button(ui, "by_phone", ui.t("rate.by_phone"), ImVec2(em * 13, em * 2.4f),
                   {phone ? theme::kTileRequests : theme::kKeyButton, phone ? theme::kOnColor : theme::kText,
                    ui.fonts.body(), theme::kKeyBorder}))
      ui.emit(app::RateByPhone{});
  }
  if (large)
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 12, ImGui::GetWindowHeight() - em * 3.6f));
  else
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 15, ImGui::GetWindowHeight() - em * 5));
  if (big_button(ui, "submit_rating", ui.t("rate.submit"), large ? ImVec2(em * 10, em * 2.6f) : ImVec2(em * 13, em * 3.5f),
                 {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::SubmitRating{});
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
