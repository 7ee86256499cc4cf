#include "ui/keyboard.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/ui_scale.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui {
namespace {

using app::TextMode;

const char* const kLetterRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
// 123 mode: digits, then the punctuation residents need in a sentence or an address.
const std::vector<std::string> kDigitRows[] = {
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
    {"，", "。", "？", "！", "、", "：", "；", "（", "）"},
    {"-", "/", ":", "#", "@", ".", "号", "室"},  // ":" for a township's address (连接乡镇)
};

ButtonStyle key_style(UiContext& ui) { return {theme::kKeyButton, theme::kText, ui.fonts.title(), theme::kKeyBorder}; }

std::string prompt_text(UiContext& ui) {
  const app::TextEntryView& v = ui.state.text_entry;
  return v.prompt_key.empty() ? ui.local(v.prompt) : ui.t(v.prompt_key);
}

// The text so far, with the composition after it in blue, in a white box.
void value_box(UiContext& ui, float width) {
  const float em = ui.em();
  const app::TextEntryView& v = ui.state.text_entry;
  ImGui::SetCursorPosX(em * 2);
  const ImVec2 box = ImGui::GetCursorScreenPos();
  ImFont* font = ui.fonts.title();
  const float box_h = font->FontSize + em * 0.8f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(box, ImVec2(box.x + width, box.y + box_h), theme::kKeyButton, em * 0.3f);
  dl->AddRect(box, ImVec2(box.x + width, box.y + box_h), theme::kTileRequests, em * 0.3f, 0, em * 0.08f);
  ui.fonts.require(v.value);
  ui.fonts.require(v.preedit);
  const std::string count = std::to_string(core::utf8_length(v.value)) + "/" + std::to_string(v.max_length);
  const float count_w = ui.fonts.body()->CalcTextSizeA(em, 1e9f, 0, count.c_str()).x;
  // Long text: show its end, where the typing happens.
  std::string shown = v.value;
  const float room = width - count_w - em * 2.5f;
  const float pre_w = font->CalcTextSizeA(font->FontSize, 1e9f, 0, v.preedit.c_str()).x;
  while (!shown.empty() && font->CalcTextSizeA(font->FontSize, 1e9f, 0, shown.c_str()).x + pre_w > room)
    shown.erase(0, std::min<std::size_t>(shown.size(), (static_cast<unsigned char>(shown[0]) >= 0xE0) ? 3 : 1));
  const float ty = box.y + (box_h - font->FontSize) * 0.5f;
  dl->AddText(font, font->FontSize, ImVec2(box.x + em * 0.5f, ty), theme::kText, shown.c_str());
  const float vx = box.x + em * 0.5f + font->CalcTextSizeA(font->FontSize, 1e9f, 0, shown.c_str()).x;
  if (!v.preedit.empty()) {
    dl->AddText(font, font->FontSize, ImVec2(vx, ty), theme::kTileRequests, v.preedit.c_str());
    dl->AddLine(ImVec2(vx, ty + font->FontSize), ImVec2(vx + pre_w, ty + font->FontSize), theme::kTileRequests,
                em * 0.08f);
  }
  const float caret_x = vx + pre_w + em * 0.1f;
  dl->AddLine(ImVec2(caret_x, ty), ImVec2(caret_x, ty + font->FontSize), theme::kText, em * 0.1f);
  dl->AddText(ui.fonts.body(), em, ImVec2(box.x + width - count_w - em * 0.5f, box.y + (box_h - em) * 0.5f),
              theme::kTextMuted, count.c_str());
  record_text(ui, v.value + v.preedit, ImVec2(box.x + em * 0.5f, ty), ImVec2(caret_x, ty + font->FontSize));
  record_text(ui, count, ImVec2(box.x + width - count_w - em * 0.5f, box.y + (box_h - em) * 0.5f),
              ImVec2(box.x + width - em * 0.5f, box.y + (box_h + em) * 0.5f));
  ui.record.speak(v.value);
}

// Candidates as big buttons, with previous / next page at the ends.
void candidate_bar(UiContext& ui, float width, float height) {
  const float em = ui.em();
  const app::TextEntryView& v = ui.state.text_entry;
  const ImVec2 start(em * 2, ImGui::GetCursorPosY());
  const float gap = em * 0.3f;
  if (v.mode == TextMode::kPinyin && !v.ime_ready) {
    ImGui::SetCursorPos(ImVec2(start.x, start.y + (height - em) * 0.5f));
    label(ui, ui.t("text.ime_loading"), ui.fonts.body(), theme::kTextMuted);
  } else if (!v.candidates.empty()) {
    const ButtonStyle nav{theme::kNeutralButton, theme::kOnColor, ui.fonts.body(), 0};
    const float nav_w = em * 3.2f;
    ImGui::SetCursorPos(start);
    if (v.page > 0) {
      if (big_button(ui, "cand.prev", ui.t("text.prev_page"), ImVec2(nav_w, height), nav))
        ui.emit(app::TextPage{-1});
    }
    float x = start.x + nav_w + gap;
    const float right = start.x + width - nav_w - gap;
    const ButtonStyle cand{theme::kCandidate, theme::kText, ui.fonts.title(), theme::kKeyBorder};
    for (std::size_t i = 0; i < v.candidates.size(); ++i) {
      const std::string& c = v.candidates[i];
      ui.fonts.require(c);
      const float w = std::max(em * 3.0f, ui.fonts.title()->CalcTextSizeA(ui.fonts.title()->FontSize, 1e9f, 0,
                                                                            c.c_str()).x + em * 1.2f);
      if (x + w > right) break;
      ImGui::SetCursorPos(ImVec2(x, start.y));
      if (big_button(ui, "cand." + std::to_string(i), c, ImVec2(w, height), cand))
        ui.emit(app::TextCandidate{static_cast<int>(i)});
      x += w + gap;
    }
    if (!v.last_page) {
      ImGui::SetCursorPos(ImVec2(right + gap, start.y));
      if (big_button(ui, "cand.next", ui.t("text.next_page"), ImVec2(nav_w, height), nav))
        ui.emit(app::TextPage{1});
    }
  } else {
    ImGui::SetCursorPos(ImVec2(start.x, start.y + (height - em) * 0.5f));
    label(ui, ui.t(v.mode == TextMode::kPinyin ? "text.hint_pinyin" : "text.hint"), ui.fonts.body(),
          theme::kTextMuted);
  }
}

void keys(UiContext& ui, float width, float key_h, float gap) {
  const app::TextEntryView& v = ui.state.text_entry;
  const float key_w = (width - 9 * gap) / 10;
  const ImVec2 origin(ui.em() * 2, ImGui::GetCursorPosY());
  const bool digits = v.mode == TextMode::kDigits;
  for (int r = 0; r < 3; ++r) {
    std::vector<std::string> row;
    if (digits)
      row = kDigitRows[r];
    else
      for (const char* c = kLetterRows[r]; *c; ++c) row.emplace_back(1, *c);
    const float indent = (10 - static_cast<float>(row.size())) * (key_w + gap) * (r == 2 ? 0.0f : 0.5f);
    for (std::size_t i = 0; i < row.size(); ++i) {
      ImGui::SetCursorPos(ImVec2(origin.x + indent + i * (key_w + gap), origin.y + r * (key_h + gap)));
      const std::string id = digits && r > 0 ? "punct." + std::to_string(r) + std::to_string(i) : "key." + row[i];
      if (big_button(ui, id, row[i], ImVec2(key_w, key_h), key_style(ui))) ui.emit(app::TextKey{row[i]});
    }
  }
  // Backspace at the end of the third row, wide.
  const float bx = origin.x + 7 * (key_w + gap);
  ImGui::SetCursorPos(ImVec2(bx, origin.y + 2 * (key_h + gap)));
  if (big_button(ui, "kb.backspace", ui.t("key.backspace"), ImVec2(origin.x + width - bx, key_h),
                 {theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder}))
    ui.emit(app::TextBackspace{});

  // Bottom row: language / digits toggles, space, cancel, done.
  const float y = origin.y + 3 * (key_h + gap);
  const ButtonStyle mode_style{theme::kNeutralButton, theme::kOnColor, ui.fonts.body(), 0};
  float x = origin.x;
  auto place = [&](float w) {
    ImGui::SetCursorPos(ImVec2(x, y));
    x += w + gap;
  };
  const float small = key_w * 1.5f + gap * 0.5f;
  place(small);
  if (digits) {
    if (big_button(ui, "mode.letters", ui.t("text.mode_letters"), ImVec2(small, key_h), mode_style))
      ui.emit(app::SetTextMode{app::TextMode::kPinyin});
  } else {
    const bool zh = v.mode == TextMode::kPinyin;
    if (big_button(ui, "mode.toggle", ui.t(zh ? "text.mode_zh" : "text.mode_en"), ImVec2(small, key_h), mode_style))
      ui.emit(app::SetTextMode{zh ? app::TextMode::kAbc : app::TextMode::kPinyin});
  }
  place(small);
  if (!digits && big_button(ui, "mode.digits", ui.t("text.mode_digits"), ImVec2(small, key_h), mode_style))
    ui.emit(app::SetTextMode{app::TextMode::kDigits});
  if (digits && big_button(ui, "mode.abc", ui.t("text.mode_abc"), ImVec2(small, key_h), mode_style))
    ui.emit(app::SetTextMode{app::TextMode::kAbc});
  const float space_w = key_w * 3 + gap * 2;
  place(space_w);
  if (big_button(ui, "kb.space", ui.t("text.space"), ImVec2(space_w, key_h),
                 {theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder}))
    ui.emit(app::TextSpace{});
  const float rest = origin.x + width - x;
  const float cancel_w = rest * 0.4f - gap * 0.5f;
  place(cancel_w);
  if (big_button(ui, "kb.cancel", ui.t("text.cancel"), ImVec2(cancel_w, key_h), mode_style))
    ui.emit(app::TextCancel{});
  const float done_w = origin.x + width - x;
  place(done_w);
  if (big_button(ui, "kb.done", ui.t("text.done"), ImVec2(done_w, key_h), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::TextDone{});
}

}  // namespace

void text_entry_page(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  // Laid out top-down with fixed gaps so that even large mode (about 17 em of height on a
  // 16:9 screen) fits the question, the text, the candidates and four rows of keys.
  const float gap = em * 0.25f;
  const float width = ImGui::GetWindowWidth() - em * 4;
  float y = em * 2.6f + gap * 1.5f;
  ImGui::SetCursorPos(ImVec2(em * 2, y));
  ImFont* prompt_font = ui.state.large_mode ? ui.fonts.body() : ui.fonts.title();
  label(ui, prompt_text(ui), prompt_font, theme::kText, width);
  y = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + gap;
  ImGui::SetCursorPos(ImVec2(em * 2, y));
  value_box(ui, width);
  y += ui.fonts.title()->FontSize + em + gap;
  ImGui::SetCursorPos(ImVec2(em * 2, y));
  const float cand_h = em * core::kSmallestTargetEm;
  if (ui.state.error) {  // in the candidate bar's place: right under the text it is about
    ImGui::SetCursorPos(ImVec2(em * 2, y + (cand_h - em) * 0.5f));
    label(ui, ui.msg(*ui.state.error), ui.fonts.body(), theme::kError, width);
    ImGui::SetCursorPos(ImVec2(em * 2, y));
    if (!ui.state.text_entry.candidates.empty()) {
      y += cand_h + gap;
      ImGui::SetCursorPos(ImVec2(em * 2, y));
      candidate_bar(ui, width, cand_h);
    }
  } else {
    candidate_bar(ui, width, cand_h);
  }
  y += cand_h + gap * 1.5f;
  ImGui::SetCursorPos(ImVec2(em * 2, y));
  // Four rows of keys in the room left, never smaller than the smallest target.
  const float avail = ImGui::GetWindowHeight() - y - gap * 2;
  const float key_h = std::clamp((avail - 3 * gap) / 4, em * core::kSmallestTargetEm, em * 2.6f);
  keys(ui, width, key_h, gap);
}

}  // namespace vsk::ui
