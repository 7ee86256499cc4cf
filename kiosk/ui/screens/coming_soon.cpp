// A capability that is not built yet: say so plainly and point to the service window.
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {

void coming_soon(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t(ui.state.feature_key), ui.fonts.title(), theme::kText);
  ImGui::Dummy(ImVec2(0, em));
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("soon.body"), ui.fonts.title(), theme::kTextMuted, ImGui::GetWindowWidth() - em * 4);
  ImGui::Dummy(ImVec2(0, em * 0.5f));
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("soon.window"), ui.fonts.body(), theme::kTextMuted, ImGui::GetWindowWidth() - em * 4);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
