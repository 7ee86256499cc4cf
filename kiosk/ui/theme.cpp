#include "ui/theme.h"

namespace vsk::ui::theme {

void apply_style(float em) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  ImGui::StyleColorsLight(&s);
  s.WindowPadding = ImVec2(em, em);
  s.ItemSpacing = ImVec2(em * 0.5f, em * 0.5f);
  s.FrameRounding = em * 0.3f;
  s.WindowBorderSize = 0;
  s.TouchExtraPadding = ImVec2(0, 0);
  s.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(kBackground);
  s.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(kText);
}

ImU32 pressed(ImU32 c) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  // Light fills darken less, so dark or red labels on them keep 4.5:1 while held.
  const float k = 0.2126f * v.x + 0.7152f * v.y + 0.0722f * v.z > 0.5f ? 0.88f : 0.75f;
  v.x *= k;
  v.y *= k;
  v.z *= k;
  return ImGui::ColorConvertFloat4ToU32(v);
}

}  // namespace vsk::ui::theme
