#include "ui/layout.h"

#include <algorithm>
#include <cmath>

namespace vsk::ui::layout {

float header_row_height(float em) { return em * 2.6f; }
float button_height(float em) { return em * 1.8f; }
float footer_height(float em) { return em * 3.6f; }
float footer_button_w(float em) { return em * 7; }

HeaderLayout header_layout(const HeaderInput& in) {
  const float em = in.em;
  const float row_h = header_row_height(em);
  const float bh = button_height(em);
  const float gap = em * 0.4f;
  HeaderLayout out;
  float buttons_total = 0;
  for (float w : in.buttons_w) buttons_total += w + gap;
  const float staff_total = in.staff_w > 0 ? in.staff_w + em * 0.6f : 0;
  // One row: margin, title, gap, staff, gap, clock, gap, buttons, margin.
  const float one_row = em + in.title_w + em + staff_total + buttons_total + em * 0.6f + em;
  out.two_rows = one_row > in.width;
  // Very narrow: the staff button takes a third row of its own rather than shrink.
  const bool staff_row = out.two_rows && in.staff_w > 0 && em + in.staff_w + em * 0.6f + buttons_total + em > in.width;
  out.height = !out.two_rows ? row_h : row_h + (bh + em * 0.6f) * (staff_row ? 2 : 1);
  const float buttons_y = out.two_rows ? row_h : (row_h - bh) * 0.5f;

  // The buttons, right to left.
  float x = in.width - em;
  for (float w : in.buttons_w) {
    x -= w;
    out.buttons.push_back({x, buttons_y, w, bh});
    x -= gap;
  }
  const float buttons_left = x + gap;
  out.title = {em, 0, std::min(in.title_w, in.width - 2 * em), row_h};
  const float title_end = em + out.title.w + em;
  if (!out.two_rows) {
    // Staff centred when that leaves room, else right after the title; the clock in what is left.
    const float right_edge = buttons_left - em * 0.6f;
    float left_edge = title_end;
    if (in.staff_w > 0) {
      float sx = std::max(left_edge, in.width * 0.5f - in.staff_w * 0.5f);
      if (sx + in.staff_w + em * 0.6f + in.clock_w > right_edge) sx = left_edge;
      if (sx + in.staff_w > right_edge) sx = std::max(left_edge, right_edge - in.staff_w);
      out.staff = {sx, buttons_y, in.staff_w, bh};
      left_edge = sx + in.staff_w + em * 0.6f;
    }
    if (in.clock_w > 0 && right_edge - left_edge >= in.clock_w)
      out.clock = {right_edge - in.clock_w, 0, in.clock_w, row_h};
  } else {
    // Row two: the staff button at the left (narrowed if it must be), the buttons at the right.
    if (staff_row)
      out.staff = {em, buttons_y + bh + em * 0.6f, std::min(in.staff_w, in.width - 2 * em), bh};
    else if (in.staff_w > 0)
      out.staff = {em, buttons_y, in.staff_w, bh};
    const float clock_x = in.width - em - in.clock_w;
    if (in.clock_w > 0 && clock_x >= title_end) out.clock = {clock_x, 0, in.clock_w, row_h};
  }
  return out;
}

ScreenFrame screen_frame(const FrameInput& in) {
  const float em = in.em;
  ScreenFrame f;
  const float footer_h = in.footer_slots > 0 ? footer_height(em) : em;
  f.footer = {0, in.height - footer_h, in.width, footer_h};
  const float top = in.top;
  const float bottom = f.footer.y - em * 0.4f;
  f.content = {em * 2, top, in.width - em * 4, std::max(0.0f, bottom - top)};
  if (in.side_w_em > 0) {
    const float side_w = em * in.side_w_em;
    if (in.height > in.width || in.width - side_w - em * 5 < em * 10) {  // portrait, or no room beside it
      f.side_below = true;
      const float side_h = std::min(em * in.side_h_em, f.content.h * 0.5f);
      f.side = {em * 2, bottom - side_h, in.width - em * 4, side_h};
      f.content.h = std::max(0.0f, f.side.y - em * 0.6f - f.content.y);
    } else {
      f.side = {in.width - em * 2 - side_w, top, side_w, f.content.h};
      f.content.w = f.side.x - em - f.content.x;
    }
  }
  if (in.footer_slots > 0) {
    const float gap = em * 0.6f;
    const int n = in.footer_slots;
    const float room = in.width - em * 2;
    const float w = std::min(footer_button_w(em), (room - gap * static_cast<float>(n - 1)) / static_cast<float>(n));
    const float bh = em * 2.6f;
    for (int i = 0; i < n; ++i)
      f.slots.push_back({em + static_cast<float>(i) * (w + gap), f.footer.y, w, bh});
  }
  return f;
}

int rows_that_fit(float room, float row_h, float gap) {
  if (row_h <= 0) return 1;
  return std::max(1, static_cast<int>(std::floor((room + gap + 0.5f) / (row_h + gap))));
}

int page_count(int count, int per_page) {
  per_page = std::max(1, per_page);
  return std::max(1, (count + per_page - 1) / per_page);
}

Rect Grid::cell(int i) const {
  const int c = i % cols, r = i / cols;
  return {area.x + static_cast<float>(c) * (cell_w + gap), area.y + static_cast<float>(r) * (cell_h + gap), cell_w, cell_h};
}

Grid tile_grid(const Rect& area, int n, float min_w, int max_cols, float min_h, float max_h, float gap) {
  Grid g;
  g.area = area;
  g.gap = gap;
  n = std::max(1, n);
  g.cols = std::clamp(static_cast<int>(std::floor((area.w + gap) / (min_w + gap))), 1, std::min(n, std::max(1, max_cols)));
  g.rows = (n + g.cols - 1) / g.cols;
  // Rows that would not fit at their smallest: more (narrower) columns, up to max_cols.
  while (g.cols < std::min(n, max_cols) &&
         static_cast<float>(g.rows) * min_h + gap * static_cast<float>(g.rows - 1) > area.h + 0.5f) {
    ++g.cols;
    g.rows = (n + g.cols - 1) / g.cols;
  }
  g.cell_w = (area.w - gap * static_cast<float>(g.cols - 1)) / static_cast<float>(g.cols);
  g.cell_h = std::clamp((area.h - gap * static_cast<float>(g.rows - 1)) / static_cast<float>(g.rows), min_h, max_h);
  return g;
}

std::vector<Rect> flow(const std::vector<float>& widths, float width, float chip_h, float gap) {
  std::vector<Rect> out;
  float x = 0, y = 0;
  for (float w : widths) {
    w = std::min(w, width);
    if (x > 0 && x + w > width + 0.5f) {
      x = 0;
      y += chip_h + gap;
    }
    out.push_back({x, y, w, chip_h});
    x += w + gap;
  }
  return out;
}

float flow_height(const std::vector<Rect>& chips) {
  float h = 0;
  for (const Rect& r : chips) h = std::max(h, r.bottom());
  return h;
}

namespace {

// Lines `text` takes at `width` (scale 1), breaking anywhere (CJK) but preferring spaces.
int lines_needed(const Measure& width_of, const std::string& text, float width) {
  if (width <= 0) return 1 << 20;
  int lines = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    ++lines;
    std::size_t end = start, last_space = std::string::npos;
    // Grow the line one UTF-8 character at a time while it fits.
    while (end < text.size()) {
      std::size_t next = end + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      if (width_of(text.substr(start, next - start)) > width) break;
      if (text[end] == ' ') last_space = end;
      end = next;
    }
    if (end == start) {  // not even one character fits
      return 1 << 20;
    }
    if (end < text.size() && last_space != std::string::npos && last_space > start) end = last_space + 1;
    start = end;
  }
  return std::max(1, lines);
}

}  // namespace

float fit_scale_by(const MeasureAt& measure, float box_w, float box_h, float min_scale) {
  for (float scale = 1.0f; scale > min_scale + 1e-3f; scale -= 0.05f) {
    const Size s = measure(scale);
    if (s.w <= box_w + 0.5f && s.h <= box_h + 0.5f) return scale;
  }
  return min_scale;
}

float fit_scale(const Measure& width_of, const std::string& text, float box_w, float box_h, float line_h, int max_lines,
                float min_scale) {
  for (float scale = 1.0f; scale > min_scale + 1e-3f; scale -= 0.05f) {
    const int lines = lines_needed(width_of, text, box_w / scale);
    if (lines <= max_lines && static_cast<float>(lines) * line_h * scale <= box_h) return scale;
  }
  return min_scale;
}

}  // namespace vsk::ui::layout
