// Draws the current screen as one fullscreen ImGui window; returns what the user did.
#pragma once

#include "ui/ui_context.h"

namespace vsk::ui {

void draw_screen(UiContext& ui);

}  // namespace vsk::ui
