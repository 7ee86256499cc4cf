// 村务设置 (issue 11 §5, admin only): the village's settings in two columns, each with its
// value; a number on the keypad with its range, a choice on its page, names on the keyboard.
#include "ui/screens/keypad_page.h"
#include "ui/screens/screens.h"
#include "ui/screens/village_pick.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

std::string value_line(const UiContext& ui, const app::SettingRowView& r) {
  std::string out = !r.value_key.empty() ? ui.t(r.value_key) : r.value.empty() ? ui.t("settings.unset") : r.value;
  if (!r.unit_key.empty()) out += " " + ui.t(r.unit_key);
  if (r.on_restart) out += " · " + ui.t("settings.restart_tag");
  return out;
}

const app::SettingRowView* editing(const UiContext& ui) {
  const auto& v = ui.state.village_settings;
  return v.editing < v.rows.size() ? &v.rows[v.editing] : nullptr;
}

}  // namespace

void village_settings(UiContext& ui) {
  const float em = ui.em();
  const app::VillageSettingsView& v = ui.state.village_settings;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("admin.settings"), ui.fonts.title(), theme::kText);
  const float top = ImGui::GetCursorPosY();
  const float width = ImGui::GetWindowWidth() - em * 4;
  const float bottom = ImGui::GetWindowHeight() - em * 7;  // the message line and the footer
  // As many columns as the rows need to stay above the footer (two on a landscape screen).
  const float row_h = em * 3.4f, gap = em * 0.3f;
  const int per_col = std::max(1, static_cast<int>((bottom - top + gap) / (row_h + gap)));
  const int cols = std::clamp((static_cast<int>(v.rows.size()) + per_col - 1) / per_col, 2, 3);
  const float col_w = (width - em * 0.6f * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const int rows_per_col = (static_cast<int>(v.rows.size()) + cols - 1) / cols;
  for (std::size_t i = 0; i < v.rows.size(); ++i) {
    const int col = static_cast<int>(i) / rows_per_col, line = static_cast<int>(i) % rows_per_col;
    ImGui::SetCursorPos(ImVec2(em * 2 + static_cast<float>(col) * (col_w + em * 0.6f),
                               top + static_cast<float>(line) * (row_h + gap)));
    const auto& r = v.rows[i];
    if (row_button(ui, "setting_" + r.key, ui.t(r.label_key), value_line(ui, r), col_w, theme::kKeyButton, theme::kText)) {
      if (r.is_text)
        ui.emit(app::OpenTextEntry{"settings." + r.key});
      else
        ui.emit(app::SettingsEdit{i});
    }
  }
  ImGui::SetCursorPos(ImVec2(em * 2, top + static_cast<float>(rows_per_col) * (row_h + gap) + em * 0.4f));
  message_line(ui, width);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void village_setting_keypad(UiContext& ui) {
  const app::SettingRowView* r = editing(ui);
  if (!r) return;
  const std::string prompt = ui.msg(core::Message("settings.number_prompt")
                                        .arg("min", std::to_string(r->min))
                                        .arg("max", std::to_string(r->max))
                                        .arg("unit", r->unit_key));
  keypad_page(ui, ui.t(r->label_key), prompt, shown_entry(ui.state.keypad),
              ui.msg(core::Message("settings.now").arg("value", value_line(ui, *r))));
}

void village_setting_pick(UiContext& ui) {
  village_pick_page(ui, ui.state.village_settings.pick,
                    [](std::size_t i) { return app::Action(app::SettingsPickOption{i}); });
}

}  // namespace vsk::ui::screens
