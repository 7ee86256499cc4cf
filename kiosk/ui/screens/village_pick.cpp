#include "ui/screens/village_pick.h"

#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {

void village_pick_page(UiContext& ui, const app::VillagePickView& pick,
                       const std::function<app::Action(std::size_t)>& action_for) {
  const float em = ui.em();
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t(pick.title_key), ui.fonts.title(), theme::kText);
  const ImVec2 start = ImGui::GetCursorPos();
  const int columns = ui.state.large_mode ? 2 : 3;
  const float gap = em * 0.5f;
  const ImVec2 size((ImGui::GetWindowWidth() - em * 4 - gap * (columns - 1)) / columns, em * 2.6f);
  // The lists are short (a village's few grids, a dozen relations, four roles): three columns
  // hold them above the footer, two in large mode.
  const float bottom = ImGui::GetWindowHeight() - em * 4.2f;
  for (std::size_t i = 0; i < pick.options.size(); ++i) {
    const float y = start.y + static_cast<float>(i / columns) * (size.y + gap);
    if (y + size.y > bottom) break;  // never over the footer
    ImGui::SetCursorPos(ImVec2(em * 2 + static_cast<float>(i % columns) * (size.x + gap), y));
    const std::string& text = pick.labels_are_keys ? ui.t(pick.options[i].second) : pick.options[i].second;
    if (big_button(ui, "pick." + std::to_string(i), text, size,
                   {theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder}))
      ui.emit(action_for(i));
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
