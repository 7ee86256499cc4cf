// The staff workbench: tiles that later capabilities fill, and an always-visible log out.
#include "core/date.h"
#include "ui/format.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {

void admin_home(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  if (!ui.state.staff) return;
  const app::StaffView& s = *ui.state.staff;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("admin.title"), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("admin.who").arg("name", s.name).arg("no", s.staff_no).arg("role", ui.t(s.role_key))),
        ui.fonts.body(), theme::kTextMuted);
  ImGui::Dummy(ImVec2(0, em * 0.5f));

  // 居民管理 for staff who keep the roll or read their grid's; 工作人员 for admins (both checked
  // again by the flows).
  // Grid workers and volunteers hold no notice permission: no 发布公开 tile that refuses at 保存.
  const bool scoped = s.role_key == "role.grid_worker" || s.role_key == "role.volunteer";
  std::vector<const char*> features = {"admin.requests", "admin.points"};
  if (!scoped) features.push_back("admin.notices");
  features.push_back("admin.sync");
  if (s.role_key != "role.volunteer") features.push_back("admin.residents");
  if (s.role_key == "role.admin") {
    features.push_back("admin.staff");
    features.push_back("admin.settings");
  }
  features.push_back("admin.my_pin");  // every staff member
  // The kiosk's own health, under the tiles: a database replaced at start-up (until staff clear
  // it), notice categories past their legal cadence, storage errors and low space, sync and the
  // devices. The tiles give up height so every warning stays above the footer.
  const app::MaintenanceView& m = ui.state.maintenance;
  const float wrap = ImGui::GetWindowWidth() - em * 4;
  std::vector<std::string> warnings;
  std::string recovery;
  if (m.recovered) {
    const std::string when = date_words(ui, core::format_date(core::date_of(m.backup_time))) + " " +
                             china_time(m.backup_time, "%H:%M");
    recovery = m.from_backup ? ui.msg(core::Message("admin.recovery.from_backup").arg("time", when))
                             : ui.t("admin.recovery.fresh");
  }
  for (const std::string& cat : ui.state.notices.overdue)
    warnings.push_back(ui.msg(core::Message("admin.notice_overdue").arg("category", ui.t("notice.cat." + cat))));
  if (const auto& f = ui.state.last_failure)
    warnings.push_back(ui.msg(core::Message("admin.storage_error")
                                  .arg("time", date_words(ui, core::format_date(core::date_of(f->at))) + " " +
                                                   china_time(f->at, "%H:%M"))
                                  .arg("reason", f->reason_key)));
  if (m.storage_low) warnings.push_back(ui.msg(core::Message("admin.storage_low").arg("mb", std::to_string(m.free_mb))));
  if (m.sync_not_enrolled)
    warnings.push_back(ui.msg(core::Message("admin.sync_not_enrolled").arg("n", std::to_string(m.sync_pending))));
  for (const std::string* key : {&m.printer_problem, &m.reader_problem})
    if (!key->empty()) warnings.push_back(ui.t(*key));
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  float warnings_h = 0;
  if (!recovery.empty())
    warnings_h += static_cast<float>(wrap_lines(ui.fonts.body(), recovery, wrap).size()) * line_h + em * 2.4f + line_h - em;
  for (const std::string& w : warnings) warnings_h += static_cast<float>(wrap_lines(ui.fonts.body(), w, wrap).size()) * line_h;
  if (ui.state.error || ui.state.notice) warnings_h += em * 2;  // the message line, in the title font

  const ImVec2 start = ImGui::GetCursorPos();
  const float gap = em;
  constexpr int kPerRow = 6;
  const int per_row = std::min<int>(kPerRow, static_cast<int>(features.size()));
  const int rows = (static_cast<int>(features.size()) + per_row - 1) / per_row;
  // Large mode: lower tiles, so the health warnings below them stay above the footer.
  const float room = ImGui::GetWindowHeight() - em * 4 - start.y - warnings_h - rows * gap;
  const float tile_h = std::clamp(room / static_cast<float>(rows), em * 2.2f, em * (ui.state.large_mode ? 3.2f : 5));
  const ImVec2 tile((ImGui::GetWindowWidth() - em * 4 - (per_row - 1) * gap) / per_row, tile_h);
  for (int i = 0; i < static_cast<int>(features.size()); ++i) {
    ImGui::SetCursorPos(ImVec2(em * 2 + (i % per_row) * (tile.x + gap), start.y + (i / per_row) * (tile.y + gap)));
    if (big_button(ui, features[i], ui.t(features[i]), tile, {theme::kNeutralButton, theme::kOnColor}))
      ui.emit(app::OpenAdminFeature{features[i]});
  }
  ImGui::SetCursorPos(ImVec2(em * 2, start.y + rows * (tile.y + gap)));
  message_line(ui, wrap);  // first under the tiles: 您的密码已修改, or why a tile was refused
  if (!recovery.empty()) {
    label(ui, recovery, ui.fonts.body(), theme::kError, wrap);
    ImGui::SetCursorPosX(em * 2);
    if (big_button(ui, "recovery.clear", ui.t("admin.recovery.clear"), ImVec2(em * 12, em * 2.4f),
                   {theme::kNeutralButton, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::ClearRecoveryNotice{});
  }
  for (const std::string& w : warnings) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, w, ui.fonts.body(), theme::kError, wrap);
  }
  if (footer_button(ui, "logout", ui.t("nav.logout"), em)) ui.emit(app::Logout{});
  if (s.may_exit) {
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 11, ImGui::GetWindowHeight() - em * 3.6f));
    if (big_button(ui, "exit", ui.t("staff.exit"), ImVec2(em * 10, em * 2.6f), {theme::kError, theme::kOnColor}))
      ui.emit(app::ExitKiosk{});
  }
}

}  // namespace vsk::ui::screens
