// One function per screen: draws the state, emits actions. Dispatched by ui/root.cpp.
#pragma once

#include "ui/ui_context.h"

namespace vsk::ui::screens {

void home(UiContext& ui);
void coming_soon(UiContext& ui);
void identify(UiContext& ui);       // resident ID number + PIN
void staff_login(UiContext& ui);    // staff number + PIN
void resident_home(UiContext& ui);
void admin_home(UiContext& ui);

}  // namespace vsk::ui::screens
