// The staff workbench: tiles that later capabilities fill, and an always-visible log out.
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

  const char* const features[] = {"admin.requests", "admin.points", "admin.notices", "admin.sync"};
  const ImVec2 start = ImGui::GetCursorPos();
  const float gap = em;
  const ImVec2 tile((ImGui::GetWindowWidth() - em * 4 - 3 * gap) / 4, em * 5);
  for (int i = 0; i < 4; ++i) {
    ImGui::SetCursorPos(ImVec2(em * 2 + i * (tile.x + gap), start.y));
    if (big_button(ui, features[i], ui.t(features[i]), tile, {theme::kNeutralButton, theme::kOnColor}))
      ui.emit(app::ActionKind::kOpenAdminFeature, features[i]);
  }
  if (footer_button(ui, "logout", ui.t("nav.logout"), em)) ui.emit(app::ActionKind::kLogout);
}

}  // namespace vsk::ui::screens
