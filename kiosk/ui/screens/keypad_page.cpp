#include "ui/screens/keypad_page.h"

#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {

std::string shown_entry(const app::KeypadView& pad) {
  std::string out;
  if (pad.secret) {
    for (std::size_t i = 0; i < pad.max_length; ++i) out += i < pad.entry.size() ? "● " : "○ ";
    return out;
  }
  for (std::size_t i = 0; i < pad.entry.size(); ++i) {
    if (pad.step == app::EntryStep::kIdNumber && (i == 6 || i == 14)) out += ' ';
    out += pad.entry[i];
  }
  return out;
}

float keypad_page(UiContext& ui, const std::string& title, const std::string& prompt, const std::string& shown,
                 const std::string& hint) {
  const float em = ui.em();
  header(ui);
  const ImVec2 top = ImGui::GetCursorPos();
  const float pad_w = em * 14;
  const float left_w = ImGui::GetWindowWidth() - pad_w - em * 4;

  ImGui::SetCursorPos(ImVec2(em * 2, top.y));
  label(ui, title, ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, prompt, ui.fonts.body(), theme::kTextMuted, left_w);
  ImGui::Dummy(ImVec2(0, em * 0.5f));

  // The value being typed, in a white box big enough to read from a step back.
  ImGui::SetCursorPosX(em * 2);
  const ImVec2 box = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(box, ImVec2(box.x + left_w - em, box.y + em * 2.6f), theme::kKeyButton,
                                            em * 0.3f);
  ImGui::GetWindowDrawList()->AddRect(box, ImVec2(box.x + left_w - em, box.y + em * 2.6f), theme::kKeyBorder, em * 0.3f);
  ImGui::SetCursorPos(ImVec2(em * 2.5f, ImGui::GetCursorPosY() + em * 0.5f));
  label(ui, shown.empty() ? " " : shown, ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + em * 0.8f);

  if (ui.state.error) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(*ui.state.error), ui.fonts.title(), theme::kError, left_w - em);
  } else if (!hint.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, hint, ui.fonts.body(), theme::kTextMuted, left_w - em);
  }

  const float left_end = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - pad_w - em, top.y));
  keypad(ui, ui.state.keypad, ImVec2(pad_w, ImGui::GetWindowHeight() - top.y - em));
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  return left_end;
}

}  // namespace vsk::ui::screens
