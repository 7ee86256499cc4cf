// 登记新居民 (issue 11 §2): one row a field, each opening the keypad, the keyboard or a pick
// page; 保存 on the right. The household row says whether the 户号 joins a household (its
// 户主 named) or starts a new one (which then asks for its 网格).
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {

void resident_register(UiContext& ui) {
  const float em = ui.em();
  const app::ResidentRegisterView& v = ui.state.residents.reg;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("residents.register"), ui.fonts.title(), theme::kText);
  const float top = ImGui::GetCursorPosY();
  const float save_w = em * 10;
  const float width = std::min(ImGui::GetWindowWidth() * 0.55f, ImGui::GetWindowWidth() - em * 5 - save_w);
  const ButtonStyle field{theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder, true};
  const ImVec2 size(width, em * 1.9f);
  const auto value = [&](const std::string& s, const char* empty_key) { return s.empty() ? std::string(empty_key) : s; };
  const auto row = [&](const char* id, const core::Message& text, app::RegisterField f) {
    ImGui::SetCursorPosX(em * 2);
    if (big_button(ui, id, ui.msg(text), size, field)) ui.emit(app::ResidentRegisterEdit{f});
  };
  using F = app::RegisterField;
  row("reg_id", core::Message("residents.reg.id").arg("id", value(v.masked_id, "staffacct.tap_to_type")), F::kIdNumber);
  ImGui::SetCursorPosX(em * 2);
  if (big_button(ui, "reg_name",
                 ui.msg(core::Message("staffacct.name").arg("name", value(v.name, "staffacct.tap_to_type"))), size, field))
    ui.emit(app::OpenTextEntry{"residents.reg_name"});
  const core::Message household =
      v.household_no.empty() ? core::Message("residents.reg.household").arg("no", "staffacct.tap_to_type").arg("what", "")
      : v.household_exists   ? core::Message("residents.reg.household").arg("no", v.household_no)
                                 .arg("what", ui.msg(core::Message("residents.reg.joins").arg("head", v.household_head)))
                             : core::Message("residents.reg.household").arg("no", v.household_no).arg("what", "residents.reg.new");
  row("reg_household", household, F::kHousehold);
  row("reg_relation", core::Message("residents.reg.relation").arg("relation", value(v.relation, "staffacct.tap_to_pick")),
      F::kRelation);
  if (!v.household_exists && !v.household_no.empty())
    row("reg_grid", core::Message("residents.reg.grid").arg("grid", value(v.grid, "staffacct.tap_to_pick")), F::kGrid);
  row("reg_phone", core::Message("residents.reg.phone").arg("phone", value(v.masked_phone, "residents.reg.optional")),
      F::kPhone);
  const float left_end = ImGui::GetCursorPosY();

  // 登记 on the right, what the form does for staff under it.
  const float right_x = ImGui::GetWindowWidth() - em * 2 - save_w;
  ImGui::SetCursorPos(ImVec2(right_x, top));
  if (big_button(ui, "reg_save", ui.t("residents.reg.save"), ImVec2(save_w, em * 2.6f),
                 {theme::kConfirm, theme::kOnColor, ui.fonts.body()}))
    ui.emit(app::ResidentRegisterSave{});
  ImGui::SetCursorPos(ImVec2(right_x, top + em * 3));
  label(ui, ui.t("residents.reg.hint"), ui.fonts.body(), theme::kTextMuted, save_w);
  ImGui::SetCursorPosY(std::max(left_end, ImGui::GetCursorPosY()) + em * 0.3f);
  message_line(ui, ImGui::GetWindowWidth() - em * 4);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
