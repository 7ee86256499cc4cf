// Screen geometry from the room actually on screen: no ImGui, no fonts, only numbers, so every
// rule here is unit-tested (tests/ui/layout_test.cpp). Sizes are in pixels; `em` is the body
// font size, and every band is a multiple of it so large mode scales the whole screen.
//
//   header band      title, clock, call-staff and the access buttons (two rows when narrow)
//   content area     what the screen is about
//   side column      main buttons on the right in landscape; below the content in portrait
//   footer           N equal slots along the bottom (back, done, page buttons)
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace vsk::ui::layout {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
};

// ---- Header ------------------------------------------------------------------------------
struct HeaderInput {
  float width = 0, em = 0;
  float title_w = 0;                 // the title at its font
  float clock_w = 0;                 // 0: no clock
  float staff_w = 0;                 // call-staff / log-out button, 0: none
  std::vector<float> buttons_w;      // right to left: language, large mode, read aloud
};
struct HeaderLayout {
  float height = 0;   // the red band
  bool two_rows = false;
  Rect title;
  Rect clock;         // w == 0: no room, not drawn
  Rect staff;
  std::vector<Rect> buttons;  // in the order given
};
// One row when everything fits side by side; else the title (and clock) on top and the buttons
// in a second row below, right-aligned, the staff button at the left of that row (or in a third
// row of its own when even that is too narrow).
HeaderLayout header_layout(const HeaderInput& in);
float header_row_height(float em);  // one row of the band
float button_height(float em);      // a header button

// ---- Screen frame ------------------------------------------------------------------------
struct FrameInput {
  float width = 0, height = 0, em = 0;
  float top = 0;                // where the content starts: under the header and any band below it
  int footer_slots = 1;         // 0: no footer
  float side_w_em = 0;          // 0: no side column; else its width in em
  float side_h_em = 0;          // the side column's height in em when it moves below the content
};
struct ScreenFrame {
  Rect content;
  Rect side;                    // w == 0: none
  bool side_below = false;      // portrait: the side column sits under the content
  Rect footer;                  // the band the slots sit in
  std::vector<Rect> slots;      // left to right
};
ScreenFrame screen_frame(const FrameInput& in);
float footer_height(float em);    // the footer band
float footer_button_w(float em);  // a footer button when there is room

// ---- Rows, pages, grids --------------------------------------------------------------------
// How many rows of `row_h` with `gap` between them fit in `room` (at least 1).
int rows_that_fit(float room, float row_h, float gap = 0);
// How many pages `count` items take at `per_page` (at least 1).
int page_count(int count, int per_page);

struct Grid {
  int cols = 1, rows = 1;
  float cell_w = 0, cell_h = 0, gap = 0;
  Rect area;
  Rect cell(int i) const;  // i-th cell, row by row
};
// `n` tiles in `area`: as many columns as tiles of at least `min_w` allow (at most
// `max_cols`; more when the rows would not fit at `min_h`), rows as tall as the room gives, at
// most `max_h` each and at least `min_h`.
Grid tile_grid(const Rect& area, int n, float min_w, int max_cols, float min_h, float max_h, float gap);

// Chips of the given widths left to right, wrapping onto a new line when the next one does not
// fit in `width`; a chip wider than the line is narrowed to it. Positions are relative to (0,0).
std::vector<Rect> flow(const std::vector<float>& widths, float width, float chip_h, float gap);
float flow_height(const std::vector<Rect>& chips);

// ---- Text in a box -----------------------------------------------------------------------
// The size a text takes at `scale` (wrapped however the caller draws it).
struct Size {
  float w = 0, h = 0;
};
using MeasureAt = std::function<Size(float scale)>;
// The largest scale in [min_scale, 1], in steps of 0.05, at which the measured text fits
// `box_w` x `box_h`; min_scale when nothing fits.
float fit_scale_by(const MeasureAt& measure, float box_w, float box_h, float min_scale);

// Width of `text` at scale 1 (the font's size).
using Measure = std::function<float(const std::string& text)>;
// The largest scale in [min_scale, 1] at which `text` fits `box_w` x `box_h`, wrapped into at
// most `max_lines` lines of `line_h` (at scale 1); returns min_scale when nothing fits.
float fit_scale(const Measure& width_of, const std::string& text, float box_w, float box_h, float line_h, int max_lines,
                float min_scale);

}  // namespace vsk::ui::layout
