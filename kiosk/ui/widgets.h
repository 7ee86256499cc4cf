// Touch widgets: big buttons that fire on release over the button (press, slide off,
// release does nothing), labels, and the numeric keypad. Each records itself in the
// FrameRecord so scripts can find it by its language-independent id.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "ui/layout.h"
#include "ui/ui_context.h"

namespace vsk::ui {

struct ButtonStyle {
  ImU32 fill;
  ImU32 text;
  ImFont* font = nullptr;  // nullptr: the title font
  ImU32 border = 0;
  bool left_align = false;  // list rows: text from the left edge
};

// The clip rectangle of what is drawn now, and a text run drawn at [min, max] (for the
// frame record's visibility and overlap checks); `owner` is the widget it labels, or -1.
Box current_clip();
void record_text(UiContext& ui, const std::string& text, ImVec2 min, ImVec2 max, int owner = -1);
// A drawn block that is not a button (a QR code, a picture), in screen coordinates.
void record_block(UiContext& ui, const std::string& id, ImVec2 min, ImVec2 max);

// A filled rounded button of `size` at the cursor. `subtitle` is an optional second line.
bool big_button(UiContext& ui, const std::string& id, const std::string& label, ImVec2 size, const ButtonStyle& style,
                const std::string& subtitle = "");

// The height row_button gives a row of `width` with these texts.
float row_button_height(UiContext& ui, const std::string& title, const std::string& subtitle, float width);

// A full-width list row: a title line and a smaller second line, left-aligned.
bool row_button(UiContext& ui, const std::string& id, const std::string& title, const std::string& subtitle,
                float width, ImU32 fill, ImU32 text);

// `text` broken into lines of at most `width` at the font's size, by ImGui's rule plus the
// Chinese one (禁则): no line starts with closing punctuation (，。、；：？！）」》…), the
// character before it moves down with it.
std::vector<std::string> wrap_lines(ImFont* font, const std::string& text, float width);

// Text at the cursor, wrapped to `wrap_width` (0 = no wrap).
void label(UiContext& ui, const std::string& text, ImFont* font, ImU32 color, float wrap_width = 0);

// The red band at the top: village and product name, clock, language switch.
void header(UiContext& ui);

// Digits 0-9 (plus X for ID numbers), backspace, clear and confirm, in a block of `size`.
void keypad(UiContext& ui, const app::KeypadView& pad, ImVec2 size);

// The error (red) or else the success notice (green) of the last action, if any.
void message_line(UiContext& ui, float wrap_width);

// The screen's frame from the room on screen, after header(): content, side column (right, or
// below the content when narrow) and `footer_slots` equal footer slots (layout::screen_frame).
layout::ScreenFrame screen_frame(UiContext& ui, int footer_slots, float side_w_em = 0, float side_h_em = 0);

// A footer button in `slot` of the frame (same look as footer_button).
bool footer_slot(UiContext& ui, const layout::ScreenFrame& frame, int slot, const std::string& id,
                 const std::string& label);

// A secondary action in the footer (back, done, log out): same height everywhere.
bool footer_button(UiContext& ui, const std::string& id, const std::string& label, float x);

}  // namespace vsk::ui
