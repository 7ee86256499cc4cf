// The error edge on screen: when an action failed below the app (disk full, database busy),
// a red card over the bottom left of whatever screen is showing says so in the current
// language: above the footer, left of the right-hand column where screens keep their keypad and
// main buttons. It takes no input, so the buttons stay usable: the same tap retries.
#include <imgui.h>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {

void failure_banner(UiContext& ui) {
  if (!ui.state.failure) return;
  const float em = ui.em();
  const ImGuiIO& io = ImGui::GetIO();
  const float width = io.DisplaySize.x * 0.64f - em * 2.5f;
  const std::string text = ui.msg(*ui.state.failure);
  ImGui::PushFont(ui.fonts.body());
  const float text_h = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - em * 2).y;
  ImGui::PopFont();
  const ImVec2 size(width, text_h + em * 1.6f);
  ImGui::SetNextWindowPos(ImVec2(em * 1.5f, io.DisplaySize.y - size.y - em * 4.5f));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kError);
  ImGui::Begin("##failure", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::SetCursorPos(ImVec2(em, em * 0.8f));
  label(ui, text, ui.fonts.body(), theme::kOnColor, width - em * 2);
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace vsk::ui::screens
