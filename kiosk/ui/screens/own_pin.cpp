// 修改我的密码: the shared keypad page, one prompt per step (current, new, new again).
#include "ui/screens/keypad_page.h"
#include "ui/screens/screens.h"

namespace vsk::ui::screens {

void own_pin(UiContext& ui) {
  const app::KeypadView& pad = ui.state.keypad;
  const char* prompt = pad.step == app::EntryStep::kNewPin       ? "staff.own_pin.new_prompt"
                       : pad.step == app::EntryStep::kConfirmPin ? "staff.own_pin.again_prompt"
                                                                 : "staff.own_pin.current_prompt";
  keypad_page(ui, ui.t("admin.my_pin"), ui.t(prompt), shown_entry(pad), ui.t("staff.own_pin.hint"));
}

}  // namespace vsk::ui::screens
