// After identification: who you are (masked) and what you came for.
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {

void resident_home(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  if (!ui.state.resident) return;
  const app::ResidentView& r = *ui.state.resident;
  const float wrap = ImGui::GetWindowWidth() - em * 4;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("resident.greeting").arg("name", r.name)), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("resident.id").arg("id", r.masked_id)), ui.fonts.body(), theme::kTextMuted);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("resident.household").arg("address", r.address).arg("grid", r.grid)), ui.fonts.body(),
        theme::kTextMuted, wrap);
  ImGui::Dummy(ImVec2(0, em));
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t(ui.state.feature_key), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("soon.body"), ui.fonts.body(), theme::kTextMuted, wrap);
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 15, em * 4));
  if (big_button(ui, "mine", ui.t("mine.open"), ImVec2(em * 13, em * 3.5f), {theme::kTileTrack, theme::kOnColor}))
    ui.emit(app::OpenMyRequests{});
  // Asked again at every identification until given: completed requests wait for a rating.
  if (ui.state.pending_ratings > 0) {
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 15, em * 8));
    if (big_button(ui, "rate_now", ui.t("resident.rate_now"), ImVec2(em * 13, em * 3.5f),
                   {theme::kTilePoints, theme::kOnColor}, ui.msg(core::Message("rate.pending").arg("n", std::to_string(ui.state.pending_ratings)))))
      ui.emit(app::OpenMyRequests{});
  }
  if (footer_button(ui, "done", ui.t("nav.done"), em)) ui.emit(app::Home{});
}

}  // namespace vsk::ui::screens
