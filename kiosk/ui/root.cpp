#include "ui/root.h"

#include <imgui.h>

#include "ui/screens/screens.h"

namespace vsk::ui {

void draw_screen(UiContext& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushFont(ui.fonts.body());
  ImGui::Begin("##screen", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  switch (ui.state.screen) {
    case app::Screen::kHome: screens::home(ui); break;
    case app::Screen::kComingSoon: screens::coming_soon(ui); break;
    case app::Screen::kIdentify: screens::identify(ui); break;
    case app::Screen::kResidentHome: screens::resident_home(ui); break;
    case app::Screen::kStaffLogin: screens::staff_login(ui); break;
    case app::Screen::kAdminHome: screens::admin_home(ui); break;
  }
  ImGui::End();
  ImGui::PopFont();
}

}  // namespace vsk::ui
