// The on-screen keyboard page for free text: the question, the text so far, a candidate bar
// with big buttons for pinyin, and a QWERTY keyboard (中/英 toggle, 123 for digits and
// punctuation). Drawn instead of the screen below it while app::TextEntryView::active.
// Number and phone questions keep their own keypad (screens/keypad_page).
#pragma once

#include "ui/ui_context.h"

namespace vsk::ui {

void text_entry_page(UiContext& ui);

}  // namespace vsk::ui
