// The shared layout of every keypad entry screen: prompt and typed value on the left,
// the keypad on the right, error under the value, back in the footer.
#pragma once

#include <string>

#include "ui/ui_context.h"

namespace vsk::ui::screens {

// Returns where the left column (title, value, error or hint) ends: the y to draw more under.
float keypad_page(UiContext& ui, const std::string& title, const std::string& prompt, const std::string& shown_entry,
                  const std::string& hint);

// The typed value as shown: PIN digits as dots, ID numbers grouped 6-8-4 for reading.
std::string shown_entry(const app::KeypadView& pad);

}  // namespace vsk::ui::screens
