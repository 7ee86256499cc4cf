// Admin mode: the request queue with filters and counts, one request with its actions, and
// the pick page for actions that need a choice (assignee, reason, department).
#include <algorithm>
#include <cfloat>

#include "ui/format.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

std::int64_t count_of(const UiContext& ui, const std::string& key) {
  auto it = ui.state.queue.counts.find(key);
  return it == ui.state.queue.counts.end() ? 0 : it->second;
}

void filter_chips(UiContext& ui) {
  const float em = ui.em();
  struct Chip {
    std::string id;
    std::string label;
    std::string count;
    bool on;
    app::StaffQueueAction action;
  };
  const app::QueueView& q = ui.state.queue;
  // Status on the first line, the count under it, so eight chips fit one row.
  std::vector<Chip> chips;
  chips.push_back({"filter.open", ui.t("queue.chip.open"), std::to_string(count_of(ui, "open")),
                   q.status_filter.empty() && !q.overdue_only, app::QueueStatus{""}});
  for (const char* s : {"submitted", "accepted", "in_progress", "waiting_resident", "escalated", "completed"})
    chips.push_back({std::string("filter.") + s, ui.t(std::string("queue.chip.") + s), std::to_string(count_of(ui, s)),
                     q.status_filter == s && !q.overdue_only, app::QueueStatus{s}});
  chips.push_back({"filter.overdue", ui.t("queue.chip.overdue"), std::to_string(count_of(ui, "overdue")),
                   q.overdue_only, app::QueueOverdue{}});
  chips.push_back({"filter.followup", ui.t("queue.chip.followup"), std::to_string(count_of(ui, "followup")),
                   q.followup_only, app::QueueFollowups{}});
  // As wide as their words (the wider of status and count), wrapping onto more lines by the
  // room on screen: the words never break one character a line.
  const float gap = em * 0.3f;
  const bool large = ui.state.large_mode;
  const float chip_h = em * (large ? 2.2f : 2.8f);
  const float width = ImGui::GetWindowWidth() - em * 4;
  std::vector<float> widths;
  for (const Chip& c : chips)
    widths.push_back(std::max(ui.fonts.body()->CalcTextSizeA(em, FLT_MAX, 0, c.label.c_str()).x,
                              ui.fonts.body()->CalcTextSizeA(em, FLT_MAX, 0, c.count.c_str()).x) + em * 1.2f);
  // Spread each line's spare room over its chips, so the rows end flush.
  std::vector<layout::Rect> cells = layout::flow(widths, width, chip_h, gap);
  for (std::size_t i = 0; i < cells.size();) {
    std::size_t j = i;
    while (j < cells.size() && cells[j].y == cells[i].y) ++j;
    const float spare = (width - cells[j - 1].right()) / static_cast<float>(j - i);
    for (std::size_t k = i; k < j; ++k) {
      cells[k].x += spare * static_cast<float>(k - i);
      cells[k].w += spare;
    }
    i = j;
  }
  const ImVec2 start = ImGui::GetCursorPos();
  for (size_t i = 0; i < chips.size(); ++i) {
    const Chip& c = chips[i];
    ImGui::SetCursorPos(ImVec2(em * 2 + cells[i].x, start.y + cells[i].y));
    // Overdue requests and pending call-backs stand out even when not selected.
    const bool overdue_chip = (c.id == "filter.overdue" && count_of(ui, "overdue") > 0) ||
                              (c.id == "filter.followup" && count_of(ui, "followup") > 0);
    const ImU32 fill = c.on ? theme::kTileRequests : (overdue_chip ? theme::kError : theme::kKeyButton);
    if (big_button(ui, c.id, c.label, ImVec2(cells[i].w, chip_h),
                   {fill, c.on || overdue_chip ? theme::kOnColor : theme::kText, ui.fonts.body(), theme::kKeyBorder},
                   c.count))
      ui.emit(c.action);
  }
  ImGui::SetCursorPos(ImVec2(em * 2, start.y + layout::flow_height(cells) + gap + em * 0.1f));
}

}  // namespace

void staff_queue(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const layout::ScreenFrame frame = screen_frame(ui, 4);  // back, previous, next, 代办申请
  const float width = frame.content.w;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("queue.title"), ui.fonts.title(), theme::kText);
  const float title_y = ImGui::GetCursorPosY();
  // Grid and service filters beside the title when they fit there, else on a line of their own.
  const app::QueueView& qv = ui.state.queue;
  const ButtonStyle filter{theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder};
  const std::string grid_label =
      ui.msg(core::Message("queue.by_grid").arg("grid", qv.grid_label.empty() ? "queue.filter_all" : qv.grid_label));
  const std::string service = qv.service_filter.empty() ? ui.t("queue.filter_all") : service_name(ui, qv.service_filter);
  const std::string service_label = ui.msg(core::Message("queue.by_service").arg("service", service));
  const float title_w = ui.fonts.title()->CalcTextSizeA(ui.fonts.title()->FontSize, FLT_MAX, 0, ui.t("queue.title").c_str()).x;
  const float filter_h = em * 1.6f;
  const float grid_w = em * 10, service_w = em * 16;
  const float beside_x = em * 2 + title_w + em;
  const bool beside = beside_x + grid_w + em * 0.4f + service_w <= em * 2 + width;
  float filter_y = beside ? title_y - filter_h - ImGui::GetStyle().ItemSpacing.y : title_y;
  float grid_x = beside ? beside_x : em * 2;
  const float row_w = beside ? grid_w + em * 0.4f + service_w : width;
  const float gw = beside ? grid_w : (row_w - em * 0.4f) * 0.4f;
  const float sw = beside ? service_w : row_w - em * 0.4f - gw;
  ImGui::SetCursorPos(ImVec2(grid_x, filter_y));
  if (big_button(ui, "filter_grid", grid_label, ImVec2(gw, filter_h), filter))
    ui.emit(app::QueueFilterBy{app::QueueFilter::kGrid});
  ImGui::SetCursorPos(ImVec2(grid_x + gw + em * 0.4f, filter_y));
  if (big_button(ui, "filter_service", service_label, ImVec2(sw, filter_h), filter))
    ui.emit(app::QueueFilterBy{app::QueueFilter::kService});
  ImGui::SetCursorPos(ImVec2(em * 2, beside ? title_y : title_y + filter_h + em * 0.3f));
  filter_chips(ui);
  if (ui.state.queue.rows.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("queue.empty"), ui.fonts.body(), theme::kTextMuted);
  }
  const bool large = ui.state.large_mode;
  const auto row_line = [&](const app::RequestSummary& r) {
    const std::string who = r.resident.empty() ? ui.t("detail.anonymous") : r.resident;
    // Staff rows are one dense line: clerks scan many, residents never see this screen.
    // Large mode: number, service and overdue only; the request shows the rest.
    return large ? r.number + "  " + service_name(ui, r.service_id) + (r.overdue ? " · " + ui.t("detail.overdue") : "")
                 : r.number + "  " + service_name(ui, r.service_id) + " · " +
                       ui.msg(core::Message("queue.row_sub")
                                  .arg("resident", who)
                                  .arg("grid", r.grid.empty() ? "—" : r.grid)
                                  .arg("due", date_words(ui, r.due_date))
                                  .arg("status", "status." + r.status)) +
                       (r.assignee.empty() ? "" : " · " + r.assignee) + (r.overdue ? " · " + ui.t("detail.overdue") : "");
  };
  // The page holds as many rows as the room under the chips has (the tallest row decides).
  const float bottom = frame.footer.y - em * 0.4f;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  float row_h = em * 1.8f;
  for (const app::RequestSummary& r : ui.state.queue.rows) row_h = std::max(row_h, row_button_height(ui, row_line(r), "", width));
  const int fit = layout::rows_that_fit(bottom - ImGui::GetCursorPosY(), row_h, spacing);
  if (fit != ui.state.queue.page_rows) ui.emit(app::QueueRowsFit{fit});
  int drawn = 0;
  for (const app::RequestSummary& r : ui.state.queue.rows) {
    const std::string line = row_line(r);
    // The next frame pages what does not fit; one row is always there (large mode's chips may
    // leave less than a row on a short screen).
    if (drawn++ > 0 && ImGui::GetCursorPosY() + row_button_height(ui, line, "", width) > bottom) break;
    ImGui::SetCursorPosX(em * 2);
    if (row_button(ui, "row." + r.number, line, "", width, r.overdue ? IM_COL32(253, 236, 234, 255) : theme::kKeyButton,
                   r.overdue ? theme::kError : theme::kText))
      ui.emit(app::OpenRequest{r.id});
  }
  const app::QueueView& q = ui.state.queue;
  if (footer_slot(ui, frame, 0, "back", ui.t("nav.back"))) ui.emit(app::Back{});
  if (q.page > 0 && footer_slot(ui, frame, 1, "page.prev", ui.t("queue.prev_page"))) ui.emit(app::QueuePage{-1});
  if (q.has_more && footer_slot(ui, frame, 2, "page.next", ui.t("queue.next_page"))) ui.emit(app::QueuePage{1});
  const layout::Rect& slot = frame.slots[3];
  ImGui::SetCursorPos(ImVec2(slot.x, slot.y));
  if (big_button(ui, "file_on_behalf", ui.t("queue.file_on_behalf"), ImVec2(slot.w, slot.h),
                 {theme::kTileRequests, theme::kOnColor}))
    ui.emit(app::StaffFileOnBehalf{});
}

void staff_request(UiContext& ui) {
  const float em = ui.em();
  const app::RequestDetailView& d = ui.state.detail;
  header(ui);
  // Large mode: a narrower right column leaves the request's text its room.
  const bool large = ui.state.large_mode;
  const float right_w = em * (large ? 9.5f : 13);
  const float width = ImGui::GetWindowWidth() - em * (large ? 14 : 19);
  request_summary(ui, width);
  if (d.summary.resident.empty() && d.anonymous) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("detail.anonymous"), ui.fonts.body(), theme::kTextMuted);
  } else if (!d.summary.resident.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, d.summary.resident + " · " + d.summary.grid, ui.fonts.body(), theme::kTextMuted);
  }
  // Large mode: the answers go to the right column under the action buttons (drawn below),
  // so the left keeps room for the timeline.
  if (!large) {
    for (const auto& [field_id, value] : d.fields) {
      const core::Service* s = ui.catalog.find(d.summary.service_id);
      if (!s) break;
      for (const auto& f : s->fields) {
        if (f.id != field_id) continue;
        ImGui::SetCursorPosX(em * 2.5f);
        label(ui, ui.msg(core::Message("field.label_value").arg("label", ui.local(f.label)).arg("value", field_value_text(ui, f, value))), ui.fonts.body(), theme::kText, width);
      }
    }
  }
  message_line(ui, width);
  request_timeline(ui, width);

  // The workflow's next steps, top to bottom, on the right.
  const float x = ImGui::GetWindowWidth() - em * 2 - right_w;
  float y = em * (large ? 3.0f : 3.8f);
  for (const core::RequestEventKind step : d.allowed_actions) {
    const std::string action(core::event_name(step));
    if (step == core::RequestEventKind::kReject) continue;  // on its own, below (not beside 返回)
    ImGui::SetCursorPos(ImVec2(x, y));
    const ImU32 fill = action == "complete" ? theme::kConfirm : (action == "reject" ? theme::kError : theme::kTileRequests);
    if (big_button(ui, "act." + action, ui.t("action." + action), ImVec2(right_w, em * 1.9f),
                   {fill, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::StaffStep{step});
    y += em * 2.2f;
  }
  if (d.open_followups > 0 && d.may_followup) {
    ImGui::SetCursorPos(ImVec2(x, y));
    if (big_button(ui, "followup_done", ui.t("staff.followup_button"), ImVec2(right_w, em * 1.9f),
                   {theme::kTilePoints, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::FollowupDone{});
    y += em * 2.2f;
  }
  if (d.rating_wanted && d.may_record_rating) {
    ImGui::SetCursorPos(ImVec2(x, y));
    if (big_button(ui, "record_rating", ui.t("staff.record_rating"), ImVec2(right_w, em * 1.9f),
                   {theme::kTilePoints, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::StartRating{});
    y += em * 2.2f;
  }
  // Red 退回 apart from the other steps, after a gap and a rule, at the right: never beside
  // the grey 返回 bottom-left, so a hurried tap on 返回 cannot reject a resident's request.
  if (std::find(d.allowed_actions.begin(), d.allowed_actions.end(), core::RequestEventKind::kReject) !=
      d.allowed_actions.end()) {
    y += em * 0.6f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetWindowPos();
    dl->AddLine(ImVec2(o.x + x, o.y + y), ImVec2(o.x + x + right_w, o.y + y), theme::kKeyBorder, 2.0f);
    y += em * 0.8f;
    ImGui::SetCursorPos(ImVec2(x, y));
    if (big_button(ui, "act.reject", ui.t("action.reject"), ImVec2(right_w, em * 1.9f),
                   {theme::kError, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::StaffStep{core::RequestEventKind::kReject});
    y += em * 2.2f;
  }
  if (large) {
    ImGui::SetCursorPosY(y + em * 0.2f);
    const core::Service* s = ui.catalog.find(d.summary.service_id);
    for (const auto& [field_id, value] : d.fields) {
      if (!s) break;
      for (const auto& f : s->fields) {
        if (f.id != field_id) continue;
        if (ImGui::GetCursorPosY() + em * 1.2f > ImGui::GetWindowHeight() - em * 3.8f) break;  // above the footer
        ImGui::SetCursorPosX(x);
        label(ui, ui.msg(core::Message("field.label_value").arg("label", ui.local(f.label)).arg("value", field_value_text(ui, f, value))), ui.fonts.body(), theme::kText, right_w);
      }
    }
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void staff_pick(UiContext& ui) {
  const float em = ui.em();
  const app::PickView& p = ui.state.pick;
  header(ui);
  const bool filter = p.action.rfind("filter_", 0) == 0;
  const char* title_key = filter                   ? "queue.pick_filter"
                          : p.action == "assign"   ? "staff.pick_assignee"
                          : p.action == "escalate" ? "staff.pick_department"
                                                   : "staff.pick_reason";
  ImGui::SetCursorPosX(em * 2);
  label(ui, filter ? ui.t(title_key) : ui.t("action." + p.action) + " · " + ui.t(title_key), ui.fonts.title(),
        theme::kText);
  const ImVec2 start = ImGui::GetCursorPos();
  const float gap = em * 0.5f;
  bool two_lines = false;
  for (const auto& d : p.details) two_lines = two_lines || d.has_value();
  const ImVec2 size((ImGui::GetWindowWidth() - em * 4 - 2 * gap) / 3, em * (two_lines ? 3.2f : 2.6f));
  for (size_t i = 0; i < p.options.size(); ++i) {
    const auto& [id, text] = p.options[i];
    ImGui::SetCursorPos(ImVec2(em * 2 + (i % 3) * (size.x + gap), start.y + (i / 3) * (size.y + gap)));
    const std::string detail = i < p.details.size() && p.details[i] ? ui.msg(*p.details[i]) : "";
    if (big_button(ui, "pick." + id, note_text(ui, text), size,
                   {theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder}, detail))
      ui.emit(app::StaffPickOption{i});
  }
  // Reasons and notes: 键盘输入 after the phrases, for what none of them says.
  if (!p.options.empty() && p.options.front().first.rfind("reason.", 0) == 0) {
    const std::size_t i = p.options.size();
    ImGui::SetCursorPos(ImVec2(em * 2 + (i % 3) * (size.x + gap), start.y + (i / 3) * (size.y + gap)));
    if (big_button(ui, "keyboard", ui.t("form.keyboard"), size, {theme::kTileRequests, theme::kOnColor, ui.fonts.body(), 0}))
      ui.emit(app::OpenTextEntry{"requests.reason"});
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
