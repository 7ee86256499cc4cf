// Resident identification and staff login: both are keypad pages.
#include "ui/screens/keypad_page.h"
#include "ui/screens/screens.h"

namespace vsk::ui::screens {

void identify(UiContext& ui) {
  const app::KeypadView& pad = ui.state.keypad;
  if (pad.step == app::EntryStep::kIdNumber) {
    keypad_page(ui, ui.t("identify.title"), ui.t("identify.id_prompt"), shown_entry(pad),
                ui.t(ui.state.card_reader ? "identify.id_hint_card" : "identify.id_hint"));
  } else {
    // A card-alone session confirming a change says why the PIN is asked again.
    keypad_page(ui, ui.t(pad.step_up ? "identify.step_up_title" : "identify.title"),
                ui.msg(core::Message(pad.step_up ? "identify.step_up_prompt" : "identify.pin_prompt")
                           .arg("id", pad.masked_id)),
                shown_entry(pad), ui.t("identify.pin_hint"));
  }
}

void staff_login(UiContext& ui) {
  const app::KeypadView& pad = ui.state.keypad;
  const char* prompt = pad.step == app::EntryStep::kStaffNo      ? "staff.no_prompt"
                       : pad.step == app::EntryStep::kNewPin && pad.after_reset ? "staff.reset_pin_prompt"
                       : pad.step == app::EntryStep::kNewPin     ? "staff.new_pin_prompt"
                       : pad.step == app::EntryStep::kConfirmPin ? "staff.confirm_pin_prompt"
                                                                  : "staff.pin_prompt";
  keypad_page(ui, ui.t("staff.title"), ui.t(prompt), shown_entry(pad), "");
}

}  // namespace vsk::ui::screens
