// Admin: 同步状态. How the village stands with the township at a glance, with the two
// decisions only staff can make: what to do with a refused record, and a conflict.
#include <algorithm>

#include "ui/format.h"
#include "ui/screens/screens.h"
#include "ui/screens/sync_usb.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

std::string age_text(const UiContext& ui, std::int64_t seconds) {
  if (seconds < 3600) return ui.msg(core::Message("sync.age_minutes").arg("n", std::to_string(seconds / 60)));
  if (seconds < 2 * 86400) return ui.msg(core::Message("sync.age_hours").arg("n", std::to_string(seconds / 3600)));
  return ui.msg(core::Message("sync.age_days").arg("n", std::to_string(seconds / 86400)));
}

void line(UiContext& ui, const std::string& text, ImU32 color, float wrap) {
  ImGui::SetCursorPosX(ui.em() * 2);
  label(ui, text, ui.fonts.body(), color, wrap);
}

}  // namespace

void sync_health(UiContext& ui) {
  const float em = ui.em();
  const app::SyncHealthView& v = ui.state.sync;
  if (v.usb.panel) return sync_usb_panel(ui);  // 通过U盘连接乡镇
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("admin.sync"), ui.fonts.title(), theme::kText);
  const float top = ImGui::GetCursorPosY();
  const float wrap = ImGui::GetWindowWidth() * 0.62f;

  if (!v.enrolled) {
    line(ui, ui.t("sync.not_enrolled"), theme::kError, wrap);
    line(ui, ui.msg(core::Message("sync.pending").arg("n", std::to_string(v.pending))), theme::kText, wrap);
  } else {
    line(ui,
         ui.msg(v.server_url.empty() ? core::Message("sync.enrolled_usb").arg("village", v.village)
                                     : core::Message("sync.enrolled_to").arg("village", v.village).arg("server", v.server_url)),
         theme::kTextMuted, wrap);
    line(ui, ui.msg(core::Message("sync.pending").arg("n", std::to_string(v.pending))), theme::kText, wrap);
    if (v.oldest_pending_age_s >= 0)
      line(ui, ui.msg(core::Message("sync.oldest").arg("age", age_text(ui, v.oldest_pending_age_s))),
           v.oldest_pending_age_s > 86400 ? theme::kError : theme::kText, wrap);
    line(ui, v.last_success_at ? ui.msg(core::Message("sync.last_success").arg("when", time_text(v.last_success_at)))
                               : ui.t("sync.never"),
         theme::kText, wrap);
    if (v.last_error)
      line(ui, ui.msg(core::Message("sync.last_error").arg("error", ui.msg(*v.last_error))), theme::kError, wrap);
    if (v.clock_warning)
      line(ui, ui.msg(core::Message("sync.clock_warning").arg("minutes", std::to_string(std::abs(v.clock_offset_s) / 60))),
           theme::kError, wrap);
    if (v.running)
      line(ui, ui.t("sync.running"), theme::kTextMuted, wrap);
    else if (v.available)
      line(ui, ui.msg(core::Message("sync.next_round").arg("n", std::to_string(v.next_round_in_s))), theme::kTextMuted, wrap);
  }
  if (v.quarantined.empty() && v.conflicts.empty() && v.enrolled) line(ui, ui.t("sync.all_clear"), theme::kConfirm, wrap);
  sync_usb_status(ui, wrap);
  const float text_end = ImGui::GetCursorPosY();

  // 立即同步, top right; the USB stick's buttons below it.
  const ImVec2 now_size(em * 10, em * 3);
  const float right = ImGui::GetWindowWidth() - em * 2 - now_size.x;
  float column = top;
  if (v.available) {
    ImGui::SetCursorPos(ImVec2(right, top));
    if (big_button(ui, "sync_now", ui.t("sync.now_button"), now_size,
                   {theme::kTileRequests, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::SyncNow{});
    column += now_size.y + em * 0.6f;
  }
  column = sync_usb_buttons(ui, right, column, now_size);

  // Refused records and conflicts: a row each, with its buttons (the newest few).
  ImGui::SetCursorPosY(std::max({text_end, column, top + em * 9.5f}));
  const float row_w = ImGui::GetWindowWidth() - em * 4;
  const ImVec2 small(em * 6, em * 2.4f);
  if (!v.quarantined.empty()) {
    line(ui, ui.msg(core::Message("sync.quarantine_title").arg("n", std::to_string(v.quarantined.size()))),
         theme::kText, 0);
    for (std::size_t i = 0; i < v.quarantined.size() && i < 3; ++i) {
      const auto& q = v.quarantined[i];
      const float y = ImGui::GetCursorPosY();
      line(ui, q.what + "  " + time_text(q.at) + "  " + ui.msg(q.reason), theme::kTextMuted, row_w - 2 * small.x - em * 2);
      const float after = ImGui::GetCursorPosY();
      ImGui::SetCursorPos(ImVec2(em * 2 + row_w - 2 * small.x - em * 0.5f, y));
      if (big_button(ui, "sync.retry." + std::to_string(q.seq), ui.t("sync.retry"), small,
                     {theme::kTileRequests, theme::kOnColor, ui.fonts.body()}))
        ui.emit(app::SyncRetry{q.seq});
      ImGui::SameLine();
      if (big_button(ui, "sync.discard." + std::to_string(q.seq), ui.t("sync.discard"), small,
                     {theme::kNeutralButton, theme::kOnColor, ui.fonts.body()}))
        ui.emit(app::SyncDiscard{q.seq});
      ImGui::SetCursorPosY(std::max(after, y + small.y) + em * 0.4f);
    }
  }
  if (!v.conflicts.empty()) {
    line(ui, ui.msg(core::Message("sync.conflicts_title").arg("n", std::to_string(v.conflicts.size()))),
         theme::kText, 0);
    for (std::size_t i = 0; i < v.conflicts.size() && i < 3; ++i) {
      const auto& c = v.conflicts[i];
      const float y = ImGui::GetCursorPosY();
      line(ui, c.key + "  " + ui.t("sync.reason." + c.reason) + (c.remote_summary.empty() ? "" : "：" + c.remote_summary),
           theme::kTextMuted, row_w - small.x - em * 2);
      const float after = ImGui::GetCursorPosY();
      ImGui::SetCursorPos(ImVec2(em * 2 + row_w - small.x, y));
      if (big_button(ui, "sync.conflict." + std::to_string(c.id), ui.t("sync.conflict_done"), small,
                     {theme::kNeutralButton, theme::kOnColor, ui.fonts.body()}))
        ui.emit(app::SyncConflictDone{c.id});
      ImGui::SetCursorPosY(std::max(after, y + small.y) + em * 0.4f);
    }
  }
  message_line(ui, row_w);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
