#include "ui/widgets.h"

#include <algorithm>
#include <cfloat>
#include <ctime>
#include <cstring>

#include "ui/format.h"
#include "ui/layout.h"
#include "ui/theme.h"

namespace vsk::ui {
namespace {

int record_widget(UiContext& ui, const std::string& id, const std::string& label) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  WidgetRecord w{id, label, a.x, a.y, b.x, b.y};
  w.clip = current_clip();
  return ui.record.add_widget(std::move(w));
}

}  // namespace

Box current_clip() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a = dl->GetClipRectMin();
  const ImVec2 b = dl->GetClipRectMax();
  return {a.x, a.y, b.x, b.y};
}

void record_text(UiContext& ui, const std::string& text, ImVec2 min, ImVec2 max, int owner) {
  ui.record.add_text(TextRecord{text, {min.x, min.y, max.x, max.y}, current_clip(), 0, owner, true});
}

void record_block(UiContext& ui, const std::string& id, ImVec2 min, ImVec2 max) {
  WidgetRecord w{id, "", min.x, min.y, max.x, max.y};
  w.clip = current_clip();
  w.tappable = false;
  ui.record.add_widget(std::move(w));
}

bool big_button(UiContext& ui, const std::string& id, const std::string& label, ImVec2 size, const ButtonStyle& style,
                const std::string& subtitle) {
  ImFont* font = style.font ? style.font : ui.fonts.title();
  ui.fonts.require(label);
  ui.fonts.require(subtitle);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), size);
  const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
  const int self = record_widget(ui, id, label);
  if (id.rfind("key.", 0) != 0 && id.rfind("day.", 0) != 0) {  // single keys and calendar days are not read
    ui.record.speak(label);
    ui.record.speak(subtitle);
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  const float rounding = ui.em() * 0.4f;
  dl->AddRectFilled(pos, end, held ? theme::pressed(style.fill) : style.fill, rounding);
  if (style.border) dl->AddRect(pos, end, style.border, rounding, 0, ui.em() * 0.08f);

  // The label (and subtitle) wrapped to the button and, when that is still too big, shrunk
  // until it fits: a long option or an English label stays inside its button.
  const float em = ui.em();
  const float inset = style.left_align ? em * 1.2f : em * 0.4f;
  const float wrap = size.x - inset;
  const float sub_gap = em * 0.4f;
  ImFont* sub_font = ui.fonts.body();
  const auto measure = [&](float s) {
    const ImVec2 t = font->CalcTextSizeA(font->FontSize * s, FLT_MAX, wrap, label.c_str());
    layout::Size out{t.x, t.y};
    if (!subtitle.empty()) {
      const ImVec2 u = sub_font->CalcTextSizeA(em * s, FLT_MAX, wrap, subtitle.c_str());
      out = {std::max(out.w, u.x), out.h + sub_gap * s + u.y};
    }
    return out;
  };
  const float scale = layout::fit_scale_by(measure, wrap, size.y - em * 0.2f, 0.6f);
  const float title_px = font->FontSize * scale, sub_px = em * scale;
  const ImVec2 ts = font->CalcTextSizeA(title_px, FLT_MAX, wrap, label.c_str());
  const ImVec2 ss = subtitle.empty() ? ImVec2(0, 0) : sub_font->CalcTextSizeA(sub_px, FLT_MAX, wrap, subtitle.c_str());
  const float text_h = ts.y + (subtitle.empty() ? 0 : sub_gap * scale + ss.y);
  const float y = pos.y + (size.y - text_h) * 0.5f;
  const float x_title = style.left_align ? pos.x + em * 0.6f : pos.x + (size.x - ts.x) * 0.5f;
  const float x_sub = style.left_align ? pos.x + em * 0.6f : pos.x + (size.x - ss.x) * 0.5f;
  dl->AddText(font, title_px, ImVec2(x_title, y), style.text, label.c_str(), nullptr, wrap);
  if (!label.empty()) record_text(ui, label, ImVec2(x_title, y), ImVec2(x_title + ts.x, y + ts.y), self);
  if (!subtitle.empty()) {
    const ImVec2 sub_pos(x_sub, y + ts.y + sub_gap * scale);
    dl->AddText(sub_font, sub_px, sub_pos, style.text, subtitle.c_str(), nullptr, wrap);
    record_text(ui, subtitle, sub_pos, ImVec2(sub_pos.x + ss.x, sub_pos.y + ss.y), self);
  }
  return clicked;
}

float row_button_height(UiContext& ui, const std::string& title, const std::string& subtitle, float width) {
  // As tall as its text: a long summary wraps onto a second line inside the row.
  float height = ui.em() * 1.8f;
  const float wrap = width - ui.em() * 1.2f;  // as big_button wraps left-aligned text
  if (ui.state.large_mode) {
    // Large mode has about 17 em of height: rows hug their (wrapped) text, so a long title
    // stays inside its row and more rows fit above the footer.
    height = ui.fonts.body()->CalcTextSizeA(ui.em(), FLT_MAX, wrap, title.c_str()).y + ui.em() * 0.5f;
    if (!subtitle.empty()) height += ui.em() * 0.4f + ui.fonts.body()->CalcTextSizeA(ui.em(), FLT_MAX, wrap, subtitle.c_str()).y;
  } else {
    // A title that wraps (a narrow screen) makes the row taller too.
    height += ui.fonts.body()->CalcTextSizeA(ui.em(), FLT_MAX, wrap, title.c_str()).y - ui.em();
    if (!subtitle.empty())
      height += ui.em() * 0.6f + ui.fonts.body()->CalcTextSizeA(ui.em(), FLT_MAX, wrap, subtitle.c_str()).y;
  }
  return height;
}

bool row_button(UiContext& ui, const std::string& id, const std::string& title, const std::string& subtitle,
                float width, ImU32 fill, ImU32 text) {
  ButtonStyle style{fill, text, ui.fonts.body(), theme::kKeyBorder, true};
  const float height = row_button_height(ui, title, subtitle, width);
  return big_button(ui, id, title, ImVec2(width, height), style, subtitle);
}

namespace {

// Closing punctuation that must not begin a line (full-width forms and the quotes).
bool closes(const char* p, const char* end) {
  static const char* const kClosing[] = {"，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "〉", "”", "’", "…", "·"};
  for (const char* c : kClosing) {
    const std::size_t n = std::strlen(c);
    if (static_cast<std::size_t>(end - p) >= n && std::memcmp(p, c, n) == 0) return true;
  }
  return false;
}

const char* utf8_prev(const char* begin, const char* p) {
  if (p <= begin) return begin;
  --p;
  while (p > begin && (static_cast<unsigned char>(*p) & 0xC0) == 0x80) --p;
  return p;
}

const char* utf8_next(const char* p, const char* end) {
  if (p >= end) return end;
  ++p;
  while (p < end && (static_cast<unsigned char>(*p) & 0xC0) == 0x80) ++p;
  return p;
}

}  // namespace

std::vector<std::string> wrap_lines(ImFont* font, const std::string& text, float width) {
  std::vector<std::string> out;
  const char* s = text.c_str();
  const char* const end = s + text.size();
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<std::size_t>(end - s)));
    const char* line_end = nl ? nl : end;
    const char* p = s;
    if (p == line_end) out.emplace_back();
    while (p < line_end) {
      const char* brk = font->CalcWordWrapPositionA(1.0f, p, line_end, width);
      if (brk <= p) brk = utf8_next(p, line_end);
      if (brk < line_end && closes(brk, line_end)) {
        // Take the character before the break down with the punctuation, if the line keeps one.
        const char* back = utf8_prev(p, brk);
        while (back > p && closes(back, line_end)) back = utf8_prev(p, back);
        if (back > p) brk = back;
        else
          while (brk < line_end && closes(brk, line_end)) brk = utf8_next(brk, line_end);  // hang it
      }
      out.emplace_back(p, brk);
      p = brk;
      while (p < line_end && *p == ' ') ++p;
    }
    if (!nl) break;
    s = nl + 1;
  }
  return out;
}

void label(UiContext& ui, const std::string& text, ImFont* font, ImU32 color, float wrap_width) {
  ui.fonts.require(text);
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImVec2 min(1e9f, 1e9f), max(-1e9f, -1e9f);
  const auto grow = [&] {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    min = ImVec2(std::min(min.x, a.x), std::min(min.y, a.y));
    max = ImVec2(std::max(max.x, b.x), std::max(max.y, b.y));
  };
  if (wrap_width > 0) {
    // Our own line breaks (see wrap_lines), each line from the label's left edge.
    const float x = ImGui::GetCursorPosX();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    for (const std::string& line : wrap_lines(font, text, wrap_width / scale)) {
      ImGui::SetCursorPosX(x);
      ImGui::TextUnformatted(line.c_str(), line.c_str() + line.size());
      grow();
    }
  } else {
    ImGui::TextUnformatted(text.c_str());
    grow();
  }
  ImGui::PopStyleColor();
  ImGui::PopFont();
  record_text(ui, text, min, max);
  ui.record.speak(text);
}

namespace {

float text_width(UiContext&, ImFont* font, const std::string& text) {
  return font->CalcTextSizeA(font->FontSize, 1e9f, 0, text.c_str()).x;
}

}  // namespace

void header(UiContext& ui) {
  const float em = ui.em();
  const float width = ImGui::GetWindowWidth();
  const ImVec2 origin = ImGui::GetWindowPos();
  const bool large = ui.state.large_mode;
  ImFont* body = ui.fonts.body();

  // What the band holds: language, large mode, read aloud (right to left), the staff button,
  // the title and the clock. layout::header_layout places them, in two rows when narrow.
  const ButtonStyle on_header{theme::pressed(theme::kHeader), theme::kOnColor, body, theme::kOnColor};
  const float pad = em * 1.2f;
  const bool english = ui.state.locale == "en";
  const std::string lang_label = english ? ui.t("lang.to_zh") : ui.t("lang.to_en");
  const std::string large_label = ui.t("access.large_mode");
  const std::string read_label = ui.t(ui.state.speaking ? "access.stop_reading" : "access.read_aloud");
  const float lang_w = std::max(em * 4, text_width(ui, body, lang_label) + pad);
  const float large_w = text_width(ui, body, large_label) + pad;
  const float read_w =
      std::max(text_width(ui, body, ui.t("access.read_aloud")), text_width(ui, body, ui.t("access.stop_reading"))) + pad;

  // 请工作人员帮我办 on every resident screen. Once called, the same spot only says so (a second
  // tap does nothing): 取消呼叫 and the staff member's 工作人员接手 are in the band below, apart.
  std::string staff_id, staff_label;
  ButtonStyle staff_style{theme::kHelpButton, theme::kText, body};
  app::Action staff_action = app::Logout{};
  const bool called = ui.state.help_called && !ui.state.staff;
  if (ui.state.staff) {
    // Staff: log out is one tap away on every screen, never hidden behind "back".
    staff_id = "header_logout";
    staff_label = ui.state.staff->name + " · " + ui.t("nav.logout");
    staff_style = on_header;
  } else if (ui.state.screen != app::Screen::kStaffLogin || called) {
    // Not on the staff login itself, unless a resident's call is waiting to be taken over.
    staff_id = "call_staff";
    staff_label = ui.t(called ? "help.waiting" : "help.call");
    staff_action = app::CallStaff{};  // once called, a no-op
    if (called) staff_style = ButtonStyle{theme::kHelpBand, theme::kText, body};
  }
  const std::string clock = china_time(ui.state.now_unix, "%Y-%m-%d %H:%M");

  // Large mode, or a title too wide for its row: the village name alone.
  ImFont* title_font = large ? body : ui.fonts.title();
  std::string title = large ? ui.state.village_name : ui.state.village_name + "  " + ui.t("app.title");
  if (!large && text_width(ui, title_font, title) > width - em * 2) title = ui.state.village_name;

  layout::HeaderInput in;
  in.width = width;
  in.em = em;
  in.title_w = text_width(ui, title_font, title);
  in.clock_w = text_width(ui, body, clock);
  in.staff_w = staff_id.empty() ? 0
                                : std::max({em * 8, text_width(ui, body, ui.t("help.call")) + pad,
                                            text_width(ui, body, staff_label) + pad});
  in.buttons_w = {lang_w, large_w, read_w};
  const layout::HeaderLayout hl = layout::header_layout(in);
  const float h = hl.height;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + width, origin.y + h), false);  // edge to edge, past the padding
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + h), theme::kHeader);
  dl->PopClipRect();

  const auto at = [](const layout::Rect& r) { ImGui::SetCursorPos(ImVec2(r.x, r.y)); };
  const auto size = [](const layout::Rect& r) { return ImVec2(r.w, r.h); };
  at(hl.buttons[0]);
  if (big_button(ui, "language", lang_label, size(hl.buttons[0]), on_header))
    ui.emit(app::SetLocale{english ? "zh-CN" : "en"});
  // On: white with red text, so the state is visible at a glance.
  const ButtonStyle large_style = large ? ButtonStyle{theme::kOnColor, theme::kHeader, body, theme::kOnColor} : on_header;
  at(hl.buttons[1]);
  if (big_button(ui, "large_mode", large_label, size(hl.buttons[1]), large_style)) ui.emit(app::ToggleLargeMode{});
  at(hl.buttons[2]);
  if (big_button(ui, "read_aloud", read_label, size(hl.buttons[2]), on_header))
    ui.emit(app::ReadAloud{});  // the shell adds the screen's text (drawn after this)

  const float row_h = layout::header_row_height(em);
  ImGui::SetCursorPos(ImVec2(hl.title.x, (row_h - title_font->FontSize) * 0.5f));
  label(ui, title, title_font, theme::kOnColor);
  if (!staff_id.empty()) {
    at(hl.staff);
    if (big_button(ui, staff_id, staff_label, size(hl.staff), staff_style)) ui.emit(staff_action);
  }
  if (hl.clock.w > 0) {
    ImGui::SetCursorPos(ImVec2(hl.clock.x, (row_h - em) * 0.5f));
    label(ui, clock, body, theme::kOnColor);
  }
  ui.content_top = h + (large ? em * 0.4f : em);
  ImGui::SetCursorPos(ImVec2(em, ui.content_top));  // large mode needs every line
  if (called) {
    // A band everyone in the hall can see, under the header: the call, the resident's
    // 取消呼叫 on the left, and 工作人员接手 for the staff member who came at the far right.
    const float band_h = em * 2.4f;
    const float bh = em * 2.0f;
    const float by = h + (band_h - bh) * 0.5f;
    const ImVec2 a(origin.x, origin.y + h);
    dl->PushClipRect(a, ImVec2(a.x + width, a.y + band_h), false);
    dl->AddRectFilled(a, ImVec2(a.x + width, a.y + band_h), theme::kHelpBand);
    dl->PopClipRect();
    const std::string cancel_label = ui.t("help.cancel");
    const std::string take_label = ui.t("help.take_over");
    const float cancel_w = text_width(ui, ui.fonts.body(), cancel_label) + pad;
    const float take_w = text_width(ui, ui.fonts.body(), take_label) + pad;
    ImGui::SetCursorPos(ImVec2(em, by));
    if (big_button(ui, "call_cancel", cancel_label, ImVec2(cancel_w, bh), {theme::kBackground, theme::kText, ui.fonts.body(), theme::kText}))
      ui.emit(app::CancelCall{});
    const float take_x = width - em - take_w;
    ImGui::SetCursorPos(ImVec2(take_x, by));
    if (big_button(ui, "staff_take_over", take_label, ImVec2(take_w, bh), {theme::kHeader, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::StaffTakeOver{});
    const float text_x = em * 2 + cancel_w;
    const float text_w = take_x - em - text_x;
    const std::string called_text = ui.t("help.called");
    const bool two_lines = text_width(ui, ui.fonts.body(), called_text) > text_w;
    ImGui::SetCursorPos(ImVec2(text_x, h + (two_lines ? em * 0.1f : (band_h - em) * 0.5f)));
    label(ui, called_text, ui.fonts.body(), theme::kText, text_w);
    ui.content_top = h + band_h + em * 0.1f;
    ImGui::SetCursorPos(ImVec2(em, ui.content_top));
  }
  ui.record.in_content = true;  // what follows is the screen's own content: read-aloud reads it
}

void keypad(UiContext& ui, const app::KeypadView& pad, ImVec2 size) {
  const float gap = ui.em() * 0.4f;
  const ImVec2 key((size.x - 2 * gap) / 3, (size.y - 4 * gap) / 5);
  const ImVec2 origin = ImGui::GetCursorPos();
  const ButtonStyle key_style{theme::kKeyButton, theme::kText, ui.fonts.title(), theme::kKeyBorder};
  // Phone-style layout; the bottom-left key is X for ID numbers, else clear.
  const char* const rows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"", "0", ""}};
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 3; ++c) {
      ImGui::SetCursorPos(ImVec2(origin.x + c * (key.x + gap), origin.y + r * (key.y + gap)));
      const std::string digit = rows[r][c];
      if (!digit.empty()) {
        if (big_button(ui, "key." + digit, digit, key, key_style)) ui.emit(app::Key{digit[0]});
      } else if (c == 0) {
        if (pad.allow_x) {
          if (big_button(ui, "key.X", "X", key, key_style)) ui.emit(app::Key{'X'});
        } else if (big_button(ui, "key.clear", ui.t("key.clear"), key, {theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder})) {
          ui.emit(app::Clear{});
        }
      } else if (big_button(ui, "key.backspace", ui.t("key.backspace"), key,
                            {theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder})) {
        ui.emit(app::Backspace{});
      }
    }
  }
  ImGui::SetCursorPos(ImVec2(origin.x, origin.y + 4 * (key.y + gap)));
  if (big_button(ui, "key.ok", ui.t("key.ok"), ImVec2(size.x, key.y), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::Submit{});
}

void message_line(UiContext& ui, float wrap_width) {
  if (!ui.state.error && !ui.state.notice) return;
  ImGui::SetCursorPosX(ui.em() * 2);
  if (ui.state.error)
    label(ui, ui.msg(*ui.state.error), ui.fonts.title(), theme::kError, wrap_width);
  else
    label(ui, ui.msg(*ui.state.notice), ui.fonts.title(), theme::kConfirm, wrap_width);
}

layout::ScreenFrame screen_frame(UiContext& ui, int footer_slots, float side_w_em, float side_h_em) {
  layout::FrameInput in;
  in.width = ImGui::GetWindowWidth();
  in.height = ImGui::GetWindowHeight();
  in.em = ui.em();
  in.top = ui.content_top;
  in.footer_slots = footer_slots;
  in.side_w_em = side_w_em;
  in.side_h_em = side_h_em;
  return layout::screen_frame(in);
}

bool footer_slot(UiContext& ui, const layout::ScreenFrame& frame, int slot, const std::string& id,
                 const std::string& label) {
  const layout::Rect& r = frame.slots.at(static_cast<std::size_t>(slot));
  ImGui::SetCursorPos(ImVec2(r.x, r.y));
  return big_button(ui, id, label, ImVec2(r.w, r.h), {theme::kNeutralButton, theme::kOnColor});
}

bool footer_button(UiContext& ui, const std::string& id, const std::string& label, float x) {
  const float em = ui.em();
  ImGui::SetCursorPos(ImVec2(x, ImGui::GetWindowHeight() - em * 3.6f));
  return big_button(ui, id, label, ImVec2(em * 7, em * 2.6f), {theme::kNeutralButton, theme::kOnColor});
}

}  // namespace vsk::ui
