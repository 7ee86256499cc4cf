// The staff side of the points system: the menu with open counts, award / deduct (person by ID
// number or household by id on the keypad, then the rule, then confirm), and the lists where
// staff approve, resolve, review, hand out goods, restock, read the summary and conflicts.
#include <algorithm>

#include "ui/format.h"
#include "ui/screens/keypad_page.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

std::string signed_points(int d) { return (d > 0 ? "+" : "") + std::to_string(d); }

}  // namespace

void staff_points(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("admin.points"), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("points.staff.policy").arg("days", std::to_string(p.notice_days))
                       .arg("n", std::to_string(p.approval_threshold))),
        ui.fonts.body(), theme::kTextMuted);
  message_line(ui, ImGui::GetWindowWidth() - em * 4);
  ImGui::Dummy(ImVec2(0, em * 0.4f));
  const ImVec2 start = ImGui::GetCursorPos();
  const float gap = em;
  const ImVec2 tile((ImGui::GetWindowWidth() - em * 4 - 3 * gap) / 4, em * 4.2f);
  struct Item {
    std::string id;
    std::string list;  // empty: award
  };
  const Item items[] = {{"points.staff.award", ""},         {"points.staff.approvals", "approvals"},
                        {"points.staff.objections", "objections"}, {"points.staff.claims", "claims"},
                        {"points.staff.shop", "shop"},      {"points.staff.summary", "summary"},
                        {"points.staff.conflicts", "conflicts"}};
  for (int i = 0; i < 7; ++i) {
    const Item& it = items[i];
    ImGui::SetCursorPos(ImVec2(start.x + em + (i % 4) * (tile.x + gap), start.y + (i / 4) * (tile.y + gap)));
    std::string sub;
    if (auto c = p.counts.find(it.list); c != p.counts.end() && it.list != "summary")
      sub = ui.msg(core::Message("points.staff.open").arg("n", std::to_string(c->second)));
    const bool urgent = !sub.empty() && p.counts.at(it.list) > 0;
    if (big_button(ui, it.id, ui.t(it.id), tile,
                   {it.list.empty() ? theme::kTilePoints : (urgent ? theme::kTileRequests : theme::kNeutralButton),
                    theme::kOnColor},
                   sub)) {
      if (it.list.empty())
        ui.emit(app::PointsStaffAward{});
      else
        ui.emit(app::PointsStaffList{it.list});
    }
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void staff_points_award(UiContext& ui) {
  const float em = ui.em();
  const app::PointsView& p = ui.state.points;
  if (p.award_subject.empty()) {
    keypad_page(ui, ui.t("points.staff.award"), ui.t("points.staff.subject_prompt"), ui.state.keypad.entry,
                ui.t("points.staff.subject_hint"));
    return;
  }
  header(ui);
  // Large mode (about 17 em of height): the subject joins the title line, the rules fill the
  // room down to the footer, and the confirmation line sits in the footer row.
  const bool large = ui.state.large_mode;
  ImGui::SetCursorPosX(em * 2);
  if (large) {
    const float y = ImGui::GetCursorPosY();
    label(ui, ui.t("points.staff.award"), ui.fonts.title(), theme::kText);
    const float after = ImGui::GetCursorPosY();
    const float x = em * 2.6f + ui.fonts.title()->CalcTextSizeA(ui.fonts.title()->FontSize, 1e9f, 0,
                                                                 ui.t("points.staff.award").c_str()).x;
    ImGui::SetCursorPos(ImVec2(x, y + em * 0.3f));
    label(ui, p.award_subject, ui.fonts.body(), theme::kTextMuted);
    ImGui::SetCursorPosY(after);
  } else {
    label(ui, ui.t("points.staff.award"), ui.fonts.title(), theme::kText);
    ImGui::SetCursorPosX(em * 2);
    label(ui, p.award_subject, ui.fonts.body(), theme::kTextMuted);
    ImGui::Dummy(ImVec2(0, em * 0.3f));
  }
  // One category at a time, so every rule button is big enough to read and hit.
  const float tabs_y = ImGui::GetCursorPosY();
  // Large mode: narrower tabs leave room for the reason's keyboard button in the same row.
  const float tab_w = em * (large ? 4.6f : 6);
  const float tab_h = em * (large ? 1.6f : 2);
  for (std::size_t i = 0; i < p.categories.size(); ++i) {
    const bool on = p.categories[i].first == p.category;
    ImGui::SetCursorPos(ImVec2(em * 2 + i * (tab_w + em * 0.4f), tabs_y));
    if (big_button(ui, "cat." + p.categories[i].first, ui.local(p.categories[i].second), ImVec2(tab_w, tab_h),
                   {on ? theme::kTilePoints : theme::kKeyButton, on ? theme::kOnColor : theme::kText, ui.fonts.body(),
                    theme::kKeyBorder}))
      ui.emit(app::PointsPickCategory{p.categories[i].first});
  }
  if (large) {
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 8.5f, tabs_y));
    if (big_button(ui, "award.keyboard", ui.t("form.keyboard"), ImVec2(em * 6.5f, tab_h),
                   {theme::kTileRequests, theme::kOnColor, ui.fonts.body(), 0}))
      ui.emit(app::OpenTextEntry{"points.award_reason"});
  }
  const ImVec2 start(em, tabs_y + tab_h + em * (large ? 0.3f : 0.5f));
  const float gap = em * (large ? 0.2f : 0.4f);
  const int cols = large ? 2 : 3;  // large mode: wider cells, so a rule name stays on one line
  float cell_h = em * 2.6f;
  if (large) {
    std::size_t n = 0;
    for (const app::RuleChoice& r : p.rules) n += r.category == p.category ? 1 : 0;
    const float rows = static_cast<float>(std::max<std::size_t>(1, (n + cols - 1) / cols));
    cell_h = std::min(cell_h, (ImGui::GetWindowHeight() - em * 3.9f - start.y - (rows - 1) * gap) / rows);
  }
  const ImVec2 size((ImGui::GetWindowWidth() - em * 4 - (cols - 1) * gap) / cols, cell_h);
  std::size_t shown = 0;
  for (std::size_t k = 0; k < p.rules.size(); ++k) {
    const app::RuleChoice& r = p.rules[k];
    if (r.category != p.category) continue;
    const std::size_t i = shown++;
    const bool picked = r.id == p.picked_rule;
    ImGui::SetCursorPos(ImVec2(start.x + em + (i % cols) * (size.x + gap), start.y + (i / cols) * (size.y + gap)));
    const ImU32 fill = picked ? theme::kTileRequests : (r.points < 0 ? IM_COL32(253, 236, 234, 255) : theme::kKeyButton);
    if (big_button(ui, "rule." + r.id, signed_points(r.points) + " " + ui.local(r.name), size,
                   {fill, picked ? theme::kOnColor : theme::kText, ui.fonts.body(), theme::kKeyBorder, true}))
      ui.emit(app::PointsPickRule{r.id});
  }
  for (const app::RuleChoice& r : p.rules) {
    if (r.id != p.picked_rule) continue;
    const float confirm_w = em * (large ? 9 : 14);
    if (large)
      ImGui::SetCursorPos(ImVec2(em * 8.6f, ImGui::GetWindowHeight() - em * 3.6f));
    else
      ImGui::SetCursorPos(ImVec2(em * 2, ImGui::GetWindowHeight() - em * 6.2f));
    std::string line = ui.msg(core::Message("points.staff.confirm_line").arg("rule", ui.local(r.name))
                                  .arg("n", signed_points(r.points)).arg("evidence", r.evidence));
    if (!p.award_reason.empty()) {
      line += "\n" + ui.msg(core::Message("points.staff.reason_line").arg("reason", p.award_reason));
    }
    label(ui, line, ui.fonts.body(), theme::kText,
          large ? ImGui::GetWindowWidth() - em * 10.6f - confirm_w : ImGui::GetWindowWidth() - em * 20);
    // An optional reason of the staff member's own (the rule's name stands without one); in
    // large mode the button sits in the category row above.
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - confirm_w, ImGui::GetWindowHeight() - em * 6.3f));
    if (!large && big_button(ui, "award.keyboard", ui.t("points.staff.type_reason"), ImVec2(confirm_w, em * 2.4f),
                             {theme::kTileRequests, theme::kOnColor, ui.fonts.body(), 0}))
      ui.emit(app::OpenTextEntry{"points.award_reason"});
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - confirm_w, ImGui::GetWindowHeight() - em * 3.6f));
    if (big_button(ui, "award.confirm", ui.t("points.staff.confirm"), ImVec2(confirm_w, em * 2.6f),
                   {theme::kConfirm, theme::kOnColor}))
      ui.emit(app::PointsConfirmAward{});
  }
  ImGui::SetCursorPos(ImVec2(em * 10, ImGui::GetWindowHeight() - em * 3.4f));
  message_line(ui, ImGui::GetWindowWidth() - em * 28);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void staff_points_list(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("points.staff." + p.staff_list), ui.fonts.title(), theme::kText);
  message_line(ui, ImGui::GetWindowWidth() - em * 4);
  if (p.items.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("points.none"), ui.fonts.body(), theme::kTextMuted);
  }
  if (p.staff_list == "summary") {
    // A compact table: grids on the left, rules on the right, one line each.
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("points.staff.summary_head").arg("month", p.month)), ui.fonts.body(),
          theme::kTextMuted);
    const float y0 = ImGui::GetCursorPosY() + em * 0.3f;
    const float line = em * 1.35f;
    int rows[2] = {0, 0};
    for (const app::StaffPointsItem& it : p.items) {
      const int col = it.note == "grid" ? 0 : 1;
      if (y0 + (rows[col] + 1) * line > ImGui::GetWindowHeight() - em * 4) continue;
      ImGui::SetCursorPos(ImVec2(em * 2 + col * (ImGui::GetWindowWidth() - em * 4) * 0.4f, y0 + rows[col]++ * line));
      label(ui, it.title + "   " + it.detail, ui.fonts.body(), theme::kText);
    }
    if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
    return;
  }
  const float actions_w = em * 13;
  const float width = ImGui::GetWindowWidth() - em * 4 - actions_w;
  int shown = 0;
  const std::size_t first = std::min(p.staff_first, p.items.empty() ? 0 : p.items.size() - 1);
  std::size_t end = first;
  const float list_top = ImGui::GetCursorPosY();
  float row_step = 0;  // one row's height, measured on the first
  for (std::size_t i = first; i < p.items.size(); ++i) {
    if (++shown > 4) break;  // what fits above the footer; the rest on the next page
    // Large mode: only the rows that end above the footer (about three em each).
    if (ui.state.large_mode && shown > 1 && ImGui::GetCursorPosY() + em * 3 > ImGui::GetWindowHeight() - em * 3.8f) break;
    const app::StaffPointsItem& it = p.items[i];
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosX(em * 2);
    const std::string base = it.detail_msg ? ui.msg(*it.detail_msg) : it.detail;
    const std::string detail = it.note.empty() ? base : base + " · " + note_text(ui, it.note);
    row_button(ui, "item." + std::to_string(i), it.title, detail, it.actions.empty() ? width + actions_w : width,
               theme::kKeyButton, theme::kText);
    const float after = ImGui::GetCursorPosY();
    float x = em * 2 + width + em * 0.4f;
    for (const app::StaffPointsButton& b : it.actions) {
      ImGui::SetCursorPos(ImVec2(x, y));
      const app::PointsVerb v = b.act.verb;
      const bool negative = v == app::PointsVerb::kRefuse || v == app::PointsVerb::kDismiss ||
                            v == app::PointsVerb::kCancel || v == app::PointsVerb::kClaimNo;
      const std::string id = "act." + std::string(app::points_verb_name(v)) + ":" + std::to_string(b.act.id);
      if (big_button(ui, id, ui.t(b.label_key), ImVec2(actions_w / 2 - em * 0.4f, after - y - em * 0.3f),
                     {negative ? theme::kNeutralButton : theme::kConfirm, theme::kOnColor, ui.fonts.body()}))
        ui.emit(b.act);
      x += actions_w / 2;
    }
    ImGui::SetCursorPosY(after);
    if (row_step == 0) row_step = after - y;
    end = i + 1;
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  // Every item reachable: 上一页 / 下一页 with where we are.
  if (first > 0 || end < p.items.size()) {
    // A full page back: as many rows as fit (4, fewer in large mode), not this page's count.
    std::size_t per_page = 4;
    if (ui.state.large_mode && row_step > 0)
      per_page = std::clamp<std::size_t>(
          static_cast<std::size_t>((ImGui::GetWindowHeight() - em * 3.8f - list_top) / row_step), 1, 4);
    ImGui::SetCursorPos(ImVec2(em * 9, ImGui::GetWindowHeight() - em * 2.8f));
    label(ui,
          ui.msg(core::Message("points.staff.range")
                     .arg("from", std::to_string(first + 1))
                     .arg("to", std::to_string(end))
                     .arg("n", std::to_string(p.items.size()))),
          ui.fonts.body(), theme::kTextMuted);
    if (first > 0 && footer_button(ui, "page.prev", ui.t("notice.prev"), ImGui::GetWindowWidth() - em * 16))
      ui.emit(app::PointsStaffFrom{first > per_page ? first - per_page : 0});
    if (end < p.items.size() && footer_button(ui, "page.next", ui.t("notice.next"), ImGui::GetWindowWidth() - em * 8))
      ui.emit(app::PointsStaffFrom{end});
  }
}

}  // namespace vsk::ui::screens
